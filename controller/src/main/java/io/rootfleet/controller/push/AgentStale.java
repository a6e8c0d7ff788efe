package io.rootfleet.controller.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.model.report.StaleReport;
import java.time.Duration;
import java.util.List;

/**
 * Asks one host's agent which of its containers still run files the host has replaced, and which hide host
 * system files in their own layer ({@code stale --json}, one JSON document). Changes nothing on the host.
 */
public final class AgentStale {
    private static final List<String> ARGS = List.of("stale", "--json");

    private final AgentCall agent;

    public AgentStale(HostConnector connector, Duration timeout) {
        this.agent = new AgentCall(connector, timeout);
    }

    public List<String> argv(HostSpec host) {
        return agent.argv(host, ARGS);
    }

    /** Scans {@code host} over {@code remote}, a connection its other steps may share. */
    public HostScan scan(RemoteHost remote, HostSpec host) {
        return agent.run(remote, host, ARGS, new byte[0], new Output());
    }

    /** The scan of one agent run's output: its report, or why there is none. */
    static HostScan read(String host, CommandResult result, long millis) {
        Output output = new Output();
        result.stdout().lines().forEach(output::line);
        return output.finished(host, result, millis);
    }

    /** Whether every container of a report has a name: one that does not is no scan to go by. */
    static boolean namesEveryContainer(StaleReport report) {
        return report.containers().stream().allMatch(c -> c != null && c.name() != null);
    }

    private static final class Output extends AgentOutput<HostScan> {
        @Override
        protected HostScan finished(String host, CommandResult result, long millis) {
            if (!result.succeeded()) {
                return HostScan.failed(host, HostOutcome.Status.FAILED, failure(result), millis);
            }
            try {
                JsonNode doc = JSON.readTree(result.stdout());
                if (doc == null || !doc.path("containers").isArray()) {
                    return HostScan.failed(host, HostOutcome.Status.FAILED,
                            "the agent's stale report has no containers list: " + abbreviate(result.stdout()), millis);
                }
                StaleReport report = JSON.treeToValue(doc, StaleReport.class);
                if (!namesEveryContainer(report)) {
                    return HostScan.failed(host, HostOutcome.Status.FAILED,
                            "the agent's stale report lists a container without a name: " + abbreviate(result.stdout()), millis);
                }
                return HostScan.of(host, report, millis);
            } catch (JsonProcessingException e) {
                return HostScan.failed(host, HostOutcome.Status.FAILED, "the agent's stale report is not valid JSON ("
                        + e.getOriginalMessage() + "): " + abbreviate(result.stdout()), millis);
            }
        }

        @Override
        protected HostScan failed(String host, HostOutcome.Status status, String why, long millis) {
            return HostScan.failed(host, status, why, millis);
        }
    }

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.isEmpty() ? "(no output)" : line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
