package io.rootfleet.controller.ssh;

/** A remote command could not be run to completion (no exit status, channel failure). */
public class CommandException extends RemoteHostException {
    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
