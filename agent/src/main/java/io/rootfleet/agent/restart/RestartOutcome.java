package io.rootfleet.agent.restart;

import io.rootfleet.agent.engine.ActionOutcome.Status;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.ContainerFailure;

/**
 * How the restart of one container went. OK: stopped, started and healthy. FAILED: {@code step} names the step
 * that failed, the detail says how and what state the container was left in. SKIPPED: not touched, the
 * rollout had stopped.
 */
public record RestartOutcome(ContainerName container, Status status, long millis, String step, String detail) {

    public static RestartOutcome ok(ContainerName container, long millis) {
        return new RestartOutcome(container, Status.OK, millis, null, null);
    }

    public static RestartOutcome failed(ContainerName container, long millis, String step, String detail) {
        return new RestartOutcome(container, Status.FAILED, millis, step, detail);
    }

    public static RestartOutcome skipped(ContainerName container, String why) {
        return new RestartOutcome(container, Status.SKIPPED, 0, null, why);
    }

    /** What went wrong, when it failed. */
    public ContainerFailure failure() {
        return new ContainerFailure(container.value(), step, detail);
    }

    public String statusLabel() {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
