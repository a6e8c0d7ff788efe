package io.rootfleet.controller.ssh;

/** An ssh_config file that cannot be used as written; the message starts with {@code file:line:}. */
public final class SshConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SshConfigException(String message) {
        super(message);
    }
}
