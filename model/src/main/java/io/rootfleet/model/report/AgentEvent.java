package io.rootfleet.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One line of the agent's {@code --json} output (newline-delimited JSON), the contract between agent and
 * controller. The {@code event} field names the kind; each kind carries only its own fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(AgentEvent.Plan.class),
    @JsonSubTypes.Type(AgentEvent.HostStep.class),
    @JsonSubTypes.Type(AgentEvent.Action.class),
    @JsonSubTypes.Type(AgentEvent.Rollout.class),
    @JsonSubTypes.Type(AgentEvent.Result.class),
    @JsonSubTypes.Type(AgentEvent.RunError.class)})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface AgentEvent {

    /**
     * One line of the agent's output as an event; empty for anything else (a line of text, an unknown event).
     * Fields this reader does not know are ignored, so a newer agent can add some.
     */
    static Optional<AgentEvent> parse(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventJson.MAPPER.readValue(line, AgentEvent.class));
        } catch (IOException notAnEvent) {
            return Optional.empty();
        }
    }

    /** The event's name on the wire: plan, host, action, rollout, result or error. */
    default String event() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }

    /** What an apply or reconcile will do (or, with {@code check}, would do), container by container. */
    @JsonTypeName("plan")
    record Plan(List<PlannedContainer> plan, boolean check) implements AgentEvent {
        public Plan {
            plan = Lists.orEmpty(plan);
        }
    }

    /** A host-wide step, e.g. mounting the shared root. */
    @JsonTypeName("host")
    record HostStep(String detail) implements AgentEvent {}

    /**
     * One step on one container as it finishes.
     *
     * @param status ok, failed or skipped
     * @param detail the error when failed, else null
     */
    @JsonTypeName("action")
    record Action(String container, String action, String status, long millis, String detail) implements AgentEvent {}

    /** The containers a rolling restart will restart, batch by batch. */
    @JsonTypeName("rollout")
    record Rollout(List<List<String>> batches) implements AgentEvent {
        public Rollout {
            batches = Lists.orEmpty(batches);
        }
    }

    /**
     * The last line of every run that got that far: {@code summary} after apply and reconcile, {@code restart}
     * after a rolling restart (the other is null).
     *
     * @param staleAfter after {@code restart --stale}: the host's containers scanned again once the rollout ended,
     *     as {@code stale --json} reports them, so the controller need not run a scan of its own; null otherwise, from
     *     an older agent, or when that scan failed
     */
    @JsonTypeName("result")
    record Result(Summary summary, RestartSummary restart, StaleReport staleAfter) implements AgentEvent {
        public Result(Summary summary, RestartSummary restart) {
            this(summary, restart, null);
        }
    }

    /** The run could not be done at all; {@code exitCode} is the agent's. */
    @JsonTypeName("error")
    record RunError(String detail, int exitCode) implements AgentEvent {}

    static AgentEvent plan(List<PlannedContainer> plan, boolean check) {
        return new Plan(plan, check);
    }

    static AgentEvent host(String detail) {
        return new HostStep(detail);
    }

    static AgentEvent action(String container, String action, String status, long millis, String detail) {
        return new Action(container, action, status, millis, detail);
    }

    static AgentEvent result(Summary summary) {
        return new Result(summary, null);
    }

    static AgentEvent rollout(List<List<String>> batches) {
        return new Rollout(batches);
    }

    static AgentEvent result(RestartSummary restart) {
        return new Result(null, restart);
    }

    static AgentEvent result(RestartSummary restart, StaleReport staleAfter) {
        return new Result(null, restart, staleAfter);
    }

    static AgentEvent error(String detail, int exitCode) {
        return new RunError(detail, exitCode);
    }

    /** A container's line in a plan: verdict is up-to-date, change or unlisted. */
    record PlannedContainer(String container, String verdict, List<String> actions, String detail) {
        public PlannedContainer {
            actions = Lists.orEmpty(actions);
        }
    }

    /**
     * The outcome of an apply or reconcile.
     *
     * @param changed containers changed (or, with check, to change); those left untouched are not counted
     * @param failed how many containers failed (one container may fail more than one step)
     * @param notTouched containers whose change (a restart of a running container) was not made because the
     *     rolling apply stopped at its failure limit; they are as they were. Empty from an agent too old to say.
     */
    record Summary(
            int changed, int failed, int unchanged, List<String> unlisted, List<ContainerFailure> failures, long millis,
            List<String> notTouched) {
        public Summary {
            unlisted = Lists.orEmpty(unlisted);
            failures = Lists.orEmpty(failures);
            notTouched = Lists.orEmpty(notTouched);
        }

        /** A run that left nothing untouched. */
        public Summary(int changed, int failed, int unchanged, List<String> unlisted, List<ContainerFailure> failures,
                long millis) {
            this(changed, failed, unchanged, unlisted, failures, millis, List.of());
        }
    }
}
