package io.rootfleet.controller.ssh;

/** The host could not be reached, or the connection to it was lost. */
public class HostUnreachableException extends RemoteHostException {
    public HostUnreachableException(String message) {
        super(message);
    }

    public HostUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
