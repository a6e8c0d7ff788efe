package io.rootfleet.agent.restart;

import io.rootfleet.agent.engine.ActionOutcome.Status;
import io.rootfleet.model.ContainerName;

/**
 * How the restart of one container went. OK: stopped, started and healthy. FAILED: the detail says which
 * step failed and what state the container was left in. SKIPPED: not touched, the rollout had stopped.
 */
public record RestartOutcome(ContainerName container, Status status, long millis, String detail) {

    public String statusLabel() {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
