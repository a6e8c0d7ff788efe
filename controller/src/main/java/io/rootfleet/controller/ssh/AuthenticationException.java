package io.rootfleet.controller.ssh;

/** The host did not accept any of our keys, or there was no usable key to offer. */
public class AuthenticationException extends RemoteHostException {
    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
