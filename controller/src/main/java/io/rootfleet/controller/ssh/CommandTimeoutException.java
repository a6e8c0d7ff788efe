package io.rootfleet.controller.ssh;

/** A remote command did not finish within its timeout; it was stopped. */
public class CommandTimeoutException extends CommandException {
    public CommandTimeoutException(String message) {
        super(message);
    }

    public CommandTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
