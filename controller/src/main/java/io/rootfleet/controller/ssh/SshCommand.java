package io.rootfleet.controller.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One command run over its own exec channel: stdin is written then closed, stdout is streamed line by line on
 * the calling thread, stderr is collected, and a {@link Watchdog} closes the channel at the deadline so nothing
 * waits longer than the timeout.
 */
final class SshCommand {
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration SESSION_END_GRACE = Duration.ofMillis(300);

    private final Session session;
    private final String host;
    private final List<String> argv;
    private final String command;
    private final Duration timeout;
    private final long deadline;
    private final AtomicBoolean timedOut = new AtomicBoolean();

    SshCommand(Session session, String host, List<String> argv, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("command timeout must be longer than zero, got "
                    + Durations.human(timeout));
        }
        this.session = session;
        this.host = host;
        this.argv = List.copyOf(argv);
        this.command = ShellQuoting.command(this.argv);
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    CommandResult run(InputStream stdin, LineListener stdoutLines) {
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdoutLines, "stdoutLines");
        ChannelExec channel = open();
        Watchdog watchdog = Watchdog.after(timeout, "ssh timeout " + host, () -> stop(channel));
        try {
            InputStream stdout = channel.getInputStream();
            InputStream stderr = channel.getErrStream();
            OutputStream input = channel.getOutputStream();
            channel.connect((int) Math.max(1, millisLeft()));
            inBackground("stdin", () -> {
                try (input) {
                    stdin.transferTo(input);
                }
            });
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            Thread errorReader = inBackground("stderr", () -> stderr.transferTo(errors));
            LineSplitter lines = new LineSplitter(stdoutLines);
            stdout.transferTo(lines);
            lines.close();
            awaitRemoteClose(channel);
            errorReader.join(Math.max(1, millisLeft()));
            return result(channel, lines.text(), errors.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException | InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted while running " + display() + " on " + host, e);
        } catch (JSchException | IOException e) {
            throw failure(e);
        } finally {
            watchdog.close();
            channel.disconnect();
        }
    }

    private ChannelExec open() {
        try {
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            channel.setAgentForwarding(false);
            channel.setPty(false);
            return channel;
        } catch (JSchException e) {
            throw failure(e);
        }
    }

    /**
     * The exit status arrives just before the remote end closes the channel, and JSch has no callback for
     * that; a channel closed on our side first reports no status at all. So wait for the remote close.
     */
    private void awaitRemoteClose(ChannelExec channel) throws InterruptedException {
        while (!channel.isClosed()) {
            if (millisLeft() <= 0) {
                stop(channel);
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private CommandResult result(ChannelExec channel, String stdout, String stderr) throws InterruptedException {
        if (timedOut.get()) {
            throw timeoutFailure(null);
        }
        int status = channel.getExitStatus();
        if (status >= 0) {
            return new CommandResult(argv, host, status, stdout, stderr);
        }
        String signal = channel.getExitSignal();
        if (signal == null && sessionEnds()) {
            throw connectionLost(null);
        }
        String how = signal != null
                ? "was killed by signal " + signal
                : "ended without reporting an exit status";
        throw new CommandException("command " + display() + " on " + host + " " + how
                + (stderr.isBlank() ? "" : "; stderr: " + stderr.strip()));
    }

    /**
     * When the connection drops, JSch closes the channels before it marks the session disconnected; give it a
     * moment so that a lost host is reported as unreachable, not as a command without exit status.
     */
    private boolean sessionEnds() throws InterruptedException {
        long giveUp = System.nanoTime() + SESSION_END_GRACE.toNanos();
        while (session.isConnected() && System.nanoTime() < giveUp) {
            Thread.sleep(POLL.toMillis());
        }
        return !session.isConnected();
    }

    /** Stops a command that ran out of time: asks sshd to kill it, then closes the channel. */
    private void stop(ChannelExec channel) {
        timedOut.set(true);
        try {
            channel.sendSignal("KILL");
        } catch (Exception e) {
            // best effort: sshd honours signals only for non-root logins; closing the channel is what unblocks
            // us, and a command that writes output then dies of EPIPE
        }
        channel.disconnect();
    }

    private RemoteHostException failure(Exception e) {
        if (timedOut.get() || millisLeft() <= 0) {
            return timeoutFailure(e);
        }
        if (!session.isConnected()) {
            return connectionLost(e);
        }
        if (String.valueOf(e.getMessage()).startsWith("channel is not opened")) {
            return new CommandException("cannot run " + display() + " on " + host + ": sshd refused another channel"
                    + " on this connection (OpenSSH allows MaxSessions, 10 by default, at once); run fewer commands"
                    + " at the same time on one host", e);
        }
        return new CommandException("cannot run " + display() + " on " + host + ": " + e.getMessage(), e);
    }

    private HostUnreachableException connectionLost(Exception cause) {
        return new HostUnreachableException("lost the SSH connection to " + host + " while running " + display()
                + "; its outcome is unknown", cause);
    }

    private CommandTimeoutException timeoutFailure(Exception cause) {
        return new CommandTimeoutException("command " + display() + " on " + host + " did not finish within "
                + Durations.human(timeout) + " and was stopped; raise the timeout if it needs longer", cause);
    }

    private long millisLeft() {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private String display() {
        return ShellQuoting.display(argv);
    }

    private interface IoWork {
        void run() throws IOException;
    }

    /** Stdin and stderr need their own threads: a full pipe in either direction would otherwise stall both. */
    private Thread inBackground(String stream, IoWork work) {
        Thread thread = new Thread(
                () -> {
                    try {
                        work.run();
                    } catch (IOException e) {
                        // the command closed the stream or ended first; its exit status tells what happened
                    }
                },
                "ssh " + stream + " " + host);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
