package io.rootfleet.controller.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.RemoteHost;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Asks one host's agent for the last change in its audit log ({@code audit --json --last 1}). */
public final class AgentAudit {
    private static final List<String> ARGS = List.of("audit", "--json", "--last", "1");

    private final AgentCall agent;

    public AgentAudit(HostConnector connector, Duration timeout) {
        this.agent = new AgentCall(connector, timeout);
    }

    /**
     * The last change on a host, as its audit log has it.
     *
     * @param time ISO-8601 UTC
     * @param who who made it ({@code alice (sudo) from 10.0.0.5:51234}, {@code hook (local root)})
     * @param command the agent command and its arguments, without {@code --home DIR}
     * @param result the exit status's name and code ({@code OK (0)})
     */
    public record LastChange(String time, String who, String command, String result) {
        /** {@code last change: 2026-11-27T08:30:00Z alice (sudo) from 10.0.0.5:51234 restart --stale -> OK (0)}. */
        public String line() {
            return "last change: " + time + " " + who + " " + command + " -> " + result;
        }
    }

    /** What a host said: its last change (empty when its log has none), or why it could not say. */
    public record HostAudit(String host, Optional<LastChange> last, Optional<String> error) {}

    /** The same on a host already connected to. */
    public HostAudit query(RemoteHost remote, HostSpec host) {
        return agent.run(remote, host, ARGS, new byte[0], new Output());
    }

    /** Reads the one JSON line {@code audit --json --last 1} prints; empty output: no change recorded yet. Pure. */
    static Optional<LastChange> parse(String stdout) throws IOException {
        String line = stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        if (line == null) {
            return Optional.empty();
        }
        JsonNode e = AgentOutput.JSON.readTree(line);
        List<String> argv = new ArrayList<>();
        e.path("argv").forEach(a -> argv.add(a.asText()));
        int home = argv.indexOf("--home");
        if (home >= 0 && home + 1 < argv.size()) {
            argv.subList(home, home + 2).clear();
        }
        return Optional.of(new LastChange(e.path("time").asText("?"), e.path("who").asText("?"), String.join(" ", argv),
                e.path("result").asText("?") + " (" + e.path("exitCode").asInt() + ")"));
    }

    private static final class Output extends AgentOutput<HostAudit> {
        @Override
        protected HostAudit finished(String host, CommandResult result, long millis) {
            if (!result.succeeded()) {
                return new HostAudit(host, Optional.empty(), Optional.of(failure(result)));
            }
            try {
                return new HostAudit(host, parse(result.stdout()), Optional.empty());
            } catch (IOException e) {
                return new HostAudit(host, Optional.empty(), Optional.of("the agent's audit line is not valid JSON: " + e.getMessage()));
            }
        }

        @Override
        protected HostAudit failed(String host, HostOutcome.Status status, String why, long millis) {
            return new HostAudit(host, Optional.empty(), Optional.of(why));
        }
    }
}
