package io.rootfleet.controller.ssh;

/** The host's key is not in known_hosts and the policy does not allow adding it. */
public class UnknownHostKeyException extends HostKeyException {
    public UnknownHostKeyException(String message) {
        super(message);
    }

    public UnknownHostKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
