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

/**
 * The agent's apply on one host: the desired state as JSON on stdin, its plan and summary read back. The
 * rolling restart's batch size and failure limit are passed through to every host's agent.
 */
public final class AgentRun {
    private final AgentCall agent;
    private final List<String> rollout = new ArrayList<>();

    /** An apply with the agent's own rolling restart defaults. */
    public AgentRun(HostConnector connector, Duration timeout) {
        this(connector, timeout, Optional.empty(), Optional.empty());
    }

    /**
     * @param batch the agent's apply {@code --batch} (N or P%), already validated; empty for the agent's default
     * @param maxFail the agent's apply {@code --max-fail} (N or P%), already validated; empty for the agent's default
     */
    public AgentRun(HostConnector connector, Duration timeout, Optional<String> batch, Optional<String> maxFail) {
        this.agent = new AgentCall(connector, timeout);
        batch.ifPresent(b -> rollout.addAll(List.of("--batch", b)));
        maxFail.ifPresent(n -> rollout.addAll(List.of("--max-fail", n)));
    }

    /** The agent's arguments for an apply. */
    public List<String> applyArgs(boolean check, boolean prune) {
        List<String> args = new ArrayList<>(List.of("apply", "--json"));
        if (check) {
            args.add("--check");
        }
        if (prune) {
            args.add("--prune");
        }
        args.addAll(rollout);
        args.add("-");
        return args;
    }

    /** The whole argv of an apply on {@code host}. */
    public List<String> argv(HostSpec host, boolean check, boolean prune) {
        return agent.argv(host, applyArgs(check, prune));
    }

    public HostOutcome apply(HostSpec host, DesiredState desired, boolean check, boolean prune, Consumer<AgentEvent> events) {
        return agent.run(host, applyArgs(check, prune), stdin(desired), new Output(events));
    }

    /** The same on a host already connected to, so one session can serve several agent calls. */
    public HostOutcome apply(RemoteHost remote, HostSpec host, DesiredState desired, boolean check, boolean prune,
            Consumer<AgentEvent> events) {
        return agent.run(remote, host, applyArgs(check, prune), stdin(desired), new Output(events));
    }

    /** A desired state as the agent reads it on standard input ({@code apply -}, {@code status --plan -}). */
    static byte[] stdin(DesiredState desired) {
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
            String why = summary != null && !summary.failures().isEmpty() ? summary.failed() + " container(s) failed"
                    + (summary.notTouched().isEmpty() ? "" : "; the rolling restart stopped at the failure limit, "
                            + summary.notTouched().size() + " not touched")
                    : failure(result);
            return new HostOutcome(host, HostOutcome.Status.FAILED, plan, Optional.ofNullable(summary), Optional.of(why), millis);
        }

        @Override
        protected HostOutcome failed(String host, HostOutcome.Status status, String why, long millis) {
            return new HostOutcome(host, status, plan, Optional.ofNullable(summary), Optional.of(why), millis);
        }
    }
}
