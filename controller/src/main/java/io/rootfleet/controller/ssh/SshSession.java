package io.rootfleet.controller.ssh;

import com.jcraft.jsch.Session;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * A logged-in SSH connection to one host. Commands and uploads may run concurrently, each on its own channel.
 * Opened by {@link SshClient#connect}.
 */
public final class SshSession implements RemoteHost {
    private final SshTarget target;
    private final Session session;
    private final List<Session> jumps;

    /** @param jumps the sessions of the jump hosts this one is reached through, the one reached directly first */
    SshSession(SshTarget target, Session session, List<Session> jumps) {
        this.target = target;
        this.session = session;
        this.jumps = List.copyOf(jumps);
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

    /** Installs the batch within the target's command timeout; see {@link RemoteHost#upload(List)}. */
    @Override
    public void upload(List<FileUpload> files) {
        new SftpInstall(this, session, target.commandTimeout(), files).run();
    }

    @Override
    public void close() {
        session.disconnect();
        for (int i = jumps.size() - 1; i >= 0; i--) {
            jumps.get(i).disconnect();
        }
    }
}
