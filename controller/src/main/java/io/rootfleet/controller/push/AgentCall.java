package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one agent subcommand on one host: the agent's argv prefix ({@code AGENT --home HOME}), stdin, its
 * output read as it comes, timing. Every failure ends as the command's result value, never as an exception,
 * so one bad host cannot hide the others.
 */
public final class AgentCall {
    private final HostConnector connector;
    private final Duration timeout;

    public AgentCall(HostConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeout = timeout;
    }

    /** The agent's argv for {@code args}; nothing in it comes from the playbook but paths it validated. */
    public List<String> argv(HostSpec host, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(connector.agentPath(host), "--home", host.agentHome().value()));
        argv.addAll(args);
        return argv;
    }

    /** Opens a session to {@code host} for this one call. */
    public <T> T run(HostSpec host, List<String> args, byte[] stdin, AgentOutput<T> output) {
        long start = System.nanoTime();
        try (RemoteHost remote = connector.open(host)) {
            return run(remote, host, args, stdin, output);
        } catch (RemoteHostException e) {
            return output.failed(host.name(), HostOutcome.Status.of(e), e.getMessage(), elapsed(start));
        }
    }

    /** The same on a host already connected to, so one session can serve several agent calls. */
    public <T> T run(RemoteHost remote, HostSpec host, List<String> args, byte[] stdin, AgentOutput<T> output) {
        return run(remote, host, args, new java.io.ByteArrayInputStream(stdin), output);
    }

    /** The same with {@code stdin} streamed to the agent as it is read, until its end or the agent's. */
    public <T> T run(RemoteHost remote, HostSpec host, List<String> args, java.io.InputStream stdin, AgentOutput<T> output) {
        long start = System.nanoTime();
        try {
            CommandResult result = remote.run(argv(host, args), stdin, timeout, output::line);
            return output.finished(host.name(), result, elapsed(start));
        } catch (RemoteHostException e) {
            return output.failed(host.name(), HostOutcome.Status.of(e), e.getMessage(), elapsed(start));
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
