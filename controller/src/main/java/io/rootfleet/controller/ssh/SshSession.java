package io.rootfleet.controller.ssh;

import com.jcraft.jsch.Session;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A logged-in SSH connection to one host. Commands and uploads may run concurrently, each on its own channel.
 * Opened by {@link SshClient#connect}.
 */
public final class SshSession implements RemoteHost {
    private final SshTarget target;
    private final Session session;

    SshSession(SshTarget target, Session session) {
        this.target = target;
        this.session = session;
    }

    public SshTarget target() {
        return target;
    }

    @Override
    public String name() {
        return target.toString();
    }

    @Override
    public CommandResult run(List<String> argv, InputStream stdin, Duration timeout, LineListener stdoutLines) {
        return new SshCommand(session, name(), argv, timeout).run(stdin, stdoutLines);
    }

    /** Uploads within the target's command timeout; see {@link RemoteHost#upload}. */
    @Override
    public void upload(Path local, String remotePath, int mode) {
        new SftpUpload(this, session, target.commandTimeout(), local, remotePath, mode).run();
    }

    @Override
    public void close() {
        session.disconnect();
    }
}
