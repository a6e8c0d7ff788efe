package io.rootfleet.controller.ssh;

/** The host did not answer, or did not complete the SSH handshake, within the connect timeout. */
public class ConnectTimeoutException extends HostUnreachableException {
    public ConnectTimeoutException(String message) {
        super(message);
    }

    public ConnectTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
