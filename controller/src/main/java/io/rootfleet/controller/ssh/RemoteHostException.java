package io.rootfleet.controller.ssh;

/**
 * Something went wrong talking to a remote host. The message is meant for the user: it says what happened,
 * where, and what to do about it; the cause is only for {@code --stacktrace}.
 */
public class RemoteHostException extends RuntimeException {
    public RemoteHostException(String message) {
        super(message);
    }

    public RemoteHostException(String message, Throwable cause) {
        super(message, cause);
    }
}
