package io.rootfleet.controller.ssh;

/** The host's key could not be verified against known_hosts; the connection was refused before logging in. */
public class HostKeyException extends RemoteHostException {
    public HostKeyException(String message) {
        super(message);
    }

    public HostKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
