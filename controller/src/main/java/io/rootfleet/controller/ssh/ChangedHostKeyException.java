package io.rootfleet.controller.ssh;

/** The host presented a different key than the one pinned in known_hosts: possibly a man-in-the-middle. */
public class ChangedHostKeyException extends HostKeyException {
    public ChangedHostKeyException(String message) {
        super(message);
    }

    public ChangedHostKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
