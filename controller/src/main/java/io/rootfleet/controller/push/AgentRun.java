package io.rootfleet.controller.push;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostException;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateWriter;
import io.rootfleet.model.report.AgentEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the agent's apply on one host: a fixed argv, the desired state as JSON on stdin, the agent's JSON
 * events read back as they come. Every failure ends as a {@link HostOutcome}, never as an exception, so one
 * bad host cannot hide the others.
 */
public final class AgentRun {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HostConnector connector;
    private final Duration timeout;

    public AgentRun(HostConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeout = timeout;
    }

    /** The agent argv for an apply; nothing in it comes from the playbook but paths it validated. */
    public List<String> applyArgv(HostSpec host, boolean check, boolean prune) {
        List<String> argv = new ArrayList<>(List.of(connector.agentPath(host), "--home", host.agentHome().value(), "apply", "--json"));
        if (check) {
            argv.add("--check");
        }
        if (prune) {
            argv.add("--prune");
        }
        argv.add("-");
        return argv;
    }

    public HostOutcome apply(HostSpec host, DesiredState desired, boolean check, boolean prune, Consumer<AgentEvent> events) {
        long start = System.nanoTime();
        try (RemoteHost remote = connector.open(host)) {
            return apply(remote, host, desired, check, prune, events);
        } catch (RemoteHostException e) {
            return new HostOutcome(host.name(), HostOutcome.Status.of(e), List.of(), Optional.empty(), Optional.of(e.getMessage()),
                    elapsed(start));
        }
    }

    /** The same on a host already connected to, so one session can serve several agent calls. */
    public HostOutcome apply(RemoteHost remote, HostSpec host, DesiredState desired, boolean check, boolean prune,
            Consumer<AgentEvent> events) {
        long start = System.nanoTime();
        List<AgentEvent.PlannedContainer> plan = new ArrayList<>();
        AgentEvent.Summary[] summary = {null};
        String[] agentError = {null};
        byte[] stdin = (DesiredStateWriter.toJson(desired) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            CommandResult result = remote.run(applyArgv(host, check, prune), stdin, timeout, line -> {
                AgentEvent event = parse(line);
                if (event == null) {
                    return;
                }
                switch (event.event()) {
                    case "plan" -> plan.addAll(event.plan());
                    case "result" -> summary[0] = event.summary();
                    case "error" -> agentError[0] = event.detail();
                    default -> { }
                }
                events.accept(event);
            });
            long millis = elapsed(start);
            if (result.exitCode() == 0 && summary[0] != null) {
                return new HostOutcome(host.name(), HostOutcome.Status.OK, plan, Optional.of(summary[0]), Optional.empty(), millis);
            }
            String why = summary[0] != null && !summary[0].failures().isEmpty()
                    ? summary[0].failed() + " container(s) failed"
                    : agentError[0] != null ? agentError[0] : AgentFailure.of(result);
            return new HostOutcome(host.name(), HostOutcome.Status.FAILED, plan, Optional.ofNullable(summary[0]), Optional.of(why), millis);
        } catch (RemoteHostException e) {
            return new HostOutcome(host.name(), HostOutcome.Status.of(e), plan, Optional.ofNullable(summary[0]),
                    Optional.of(e.getMessage()), elapsed(start));
        }
    }

    static AgentEvent parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readValue(line, AgentEvent.class);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
