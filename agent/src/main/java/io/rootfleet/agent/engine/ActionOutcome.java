package io.rootfleet.agent.apply;

import io.rootfleet.agent.plan.Action;
import java.util.List;

/** How one step went. */
public record ActionOutcome(Action action, Status status, long millis, String error) {

    public enum Status {
        OK,
        FAILED,
        /** Not tried, because an earlier step for the same container failed. */
        SKIPPED
    }

    /** One "NAME: step failed: why" line per failed step, as summaries list failures. */
    public static List<String> failureLines(List<ActionOutcome> outcomes) {
        return outcomes.stream()
                .filter(o -> o.status() == Status.FAILED)
                .map(o -> o.action().container() + ": " + o.action().kind().label() + " failed: " + o.error())
                .toList();
    }

    public String statusLabel() {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
