package io.rootfleet.agent.apply;

import io.rootfleet.agent.plan.Action;

/** How one step went. */
public record ActionOutcome(Action action, Status status, long millis, String error) {

    public enum Status {
        OK,
        FAILED,
        /** Not tried, because an earlier step for the same container failed. */
        SKIPPED
    }

    public String statusLabel() {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
