package io.rootfleet.controller.ssh;

/** Nothing listens on the host's SSH port (the host answered, sshd did not). */
public class ConnectionRefusedException extends HostUnreachableException {
    public ConnectionRefusedException(String message) {
        super(message);
    }

    public ConnectionRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
