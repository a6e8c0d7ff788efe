package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateWriter;
import io.rootfleet.model.report.AgentEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The agent's apply on one host: the desired state as JSON on stdin, its plan and summary read back. */
public final class AgentRun {
    private final AgentCall agent;

    public AgentRun(HostConnector connector, Duration timeout) {
        this.agent = new AgentCall(connector, timeout);
    }

    /** The agent's arguments for an apply. */
    public static List<String> applyArgs(boolean check, boolean prune) {
        List<String> args = new ArrayList<>(List.of("apply", "--json"));
        if (check) {
            args.add("--check");
        }
        if (prune) {
            args.add("--prune");
        }
        args.add("-");
        return args;
    }

    public HostOutcome apply(HostSpec host, DesiredState desired, boolean check, boolean prune, Consumer<AgentEvent> events) {
        return agent.run(host, applyArgs(check, prune), stdin(desired), new Output(events));
    }

    /** The same on a host already connected to, so one session can serve several agent calls. */
    public HostOutcome apply(RemoteHost remote, HostSpec host, DesiredState desired, boolean check, boolean prune,
            Consumer<AgentEvent> events) {
        return agent.run(remote, host, applyArgs(check, prune), stdin(desired), new Output(events));
    }

    private static byte[] stdin(DesiredState desired) {
        return (DesiredStateWriter.toJson(desired) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static final class Output extends AgentOutput<HostOutcome> {
        private final List<AgentEvent.PlannedContainer> plan = new ArrayList<>();
        private AgentEvent.Summary summary;

        Output(Consumer<AgentEvent> events) {
            super(events);
        }

        @Override
        protected void event(AgentEvent event) {
            if (event instanceof AgentEvent.Plan p) {
                plan.addAll(p.plan());
            } else if (event instanceof AgentEvent.Result r) {
                summary = r.summary();
            }
        }

        @Override
        protected HostOutcome finished(String host, CommandResult result, long millis) {
            if (result.exitCode() == 0 && summary != null) {
                return new HostOutcome(host, HostOutcome.Status.OK, plan, Optional.of(summary), Optional.empty(), millis);
            }
            String why = summary != null && !summary.failures().isEmpty() ? summary.failed() + " container(s) failed" : failure(result);
            return new HostOutcome(host, HostOutcome.Status.FAILED, plan, Optional.ofNullable(summary), Optional.of(why), millis);
        }

        @Override
        protected HostOutcome failed(String host, HostOutcome.Status status, String why, long millis) {
            return new HostOutcome(host, status, plan, Optional.ofNullable(summary), Optional.of(why), millis);
        }
    }
}
