package io.rootfleet.controller.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.LineListener;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostException;
import io.rootfleet.model.report.StaleReport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks one host's agent which of its containers still run files the host has replaced, and which hide host
 * system files in their own layer ({@code stale --json}, one JSON document). Changes nothing on the host.
 */
public final class AgentStale {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HostConnector connector;
    private final Duration timeout;

    public AgentStale(HostConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeout = timeout;
    }

    public List<String> argv(HostSpec host) {
        return List.of(connector.agentPath(host), "--home", host.agentHome().value(), "stale", "--json");
    }

    public HostScan scan(HostSpec host) {
        long start = System.nanoTime();
        try (RemoteHost remote = connector.open(host)) {
            CommandResult result = remote.run(argv(host), new byte[0], timeout, LineListener.IGNORE);
            return read(host.name(), result, elapsed(start));
        } catch (RemoteHostException e) {
            return HostScan.failed(host.name(), HostOutcome.Status.of(e), e.getMessage(), elapsed(start));
        }
    }

    /** The scan of one agent run's output: its report, or why there is none. */
    static HostScan read(String host, CommandResult result, long millis) {
        if (!result.succeeded()) {
            String why = errorEvent(result.stdout());
            return HostScan.failed(host, HostOutcome.Status.FAILED, why != null ? why : AgentFailure.of(result), millis);
        }
        try {
            StaleReport report = JSON.readValue(result.stdout(), StaleReport.class);
            if (report == null || report.containers() == null) {
                return HostScan.failed(host, HostOutcome.Status.FAILED,
                        "the agent's stale report has no containers list: " + abbreviate(result.stdout()), millis);
            }
            if (report.containers().stream().anyMatch(c -> c == null || c.name() == null)) {
                return HostScan.failed(host, HostOutcome.Status.FAILED,
                        "the agent's stale report lists a container without a name: " + abbreviate(result.stdout()), millis);
            }
            return HostScan.of(host, withoutNulls(report), millis);
        } catch (JsonProcessingException e) {
            return HostScan.failed(host, HostOutcome.Status.FAILED, "the agent's stale report is not valid JSON ("
                    + e.getOriginalMessage() + "): " + abbreviate(result.stdout()), millis);
        }
    }

    /** The detail of an {@code error} event the agent printed before failing, if it printed one. */
    private static String errorEvent(String stdout) {
        for (String line : stdout.lines().toList()) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if ("error".equals(node.path("event").asText()) && node.hasNonNull("detail")) {
                    return node.get("detail").asText();
                }
            } catch (IOException ignored) {
                // not an event: the exit status speaks instead
            }
        }
        return null;
    }

    /** An agent that leaves out an empty list means the same as one that sends it. */
    private static StaleReport withoutNulls(StaleReport report) {
        List<StaleReport.Container> containers = new ArrayList<>();
        for (StaleReport.Container c : report.containers()) {
            List<StaleReport.StaleFile> files = new ArrayList<>();
            for (StaleReport.StaleFile f : orEmpty(c.staleFiles())) {
                files.add(new StaleReport.StaleFile(f.path(), f.runningInode(), f.currentInode(), f.reason(),
                        orEmpty(f.pids()), orEmpty(f.commands())));
            }
            containers.add(new StaleReport.Container(c.name(), c.state(), c.initPid(), c.startedAt(), c.stale(), files,
                    orEmpty(c.hostPackages()), orEmpty(c.shadowed())));
        }
        return new StaleReport(report.apiVersion(), report.millis(), containers);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.isEmpty() ? "(no output)" : line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
