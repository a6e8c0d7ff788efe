package io.rootfleet.agent.engine;

import io.rootfleet.agent.plan.Action;
import io.rootfleet.agent.plan.ActionKind;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.ContainerFailure;
import java.util.List;

/** How one step went. */
public record ActionOutcome(Action action, Status status, long millis, String error) {

    public enum Status {
        OK,
        FAILED,
        /** Not tried, because an earlier step for the same container failed. */
        SKIPPED
    }

    /** One failure per failed step, read as "NAME: step failed: why". */
    public static List<ContainerFailure> failures(List<ActionOutcome> outcomes) {
        return outcomes.stream()
                .filter(o -> o.status() == Status.FAILED)
                .map(o -> {
                    String step = o.action().kind().label();
                    return new ContainerFailure(o.action().container().value(), step, step + " failed: " + o.error());
                })
                .toList();
    }

    /** The containers whose START step succeeded, in outcome order. */
    public static List<ContainerName> started(List<ActionOutcome> outcomes) {
        return outcomes.stream()
                .filter(o -> o.action().kind() == ActionKind.START && o.status() == Status.OK)
                .map(o -> o.action().container())
                .toList();
    }

    public String statusLabel() {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
