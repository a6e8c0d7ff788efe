package io.rootfleet.agent.restart;

import io.rootfleet.agent.engine.ActionOutcome.Status;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.ContainerFailure;
import io.rootfleet.model.report.RestartSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps count as batches finish and says when the failure limit ends the rollout: checked between batches,
 * so a batch already under way always finishes. Pure; not thread-safe (fed by the one rollout thread).
 */
public final class RolloutProgress {
    private final RolloutPlan plan;
    private final List<RestartOutcome> outcomes = new ArrayList<>();
    private String interruptedBy;

    public RolloutProgress(RolloutPlan plan) {
        this.plan = plan;
    }

    public void add(RestartOutcome outcome) {
        outcomes.add(outcome);
    }

    public int failures() {
        return (int) outcomes.stream().filter(o -> o.status() == Status.FAILED).count();
    }

    /** True once the failures so far reach the limit: no further batch may start. */
    public boolean limitReached() {
        return failures() >= plan.maxFail();
    }

    /**
     * Records that the rollout was asked to stop ({@code by}: what asked, e.g. SIGTERM): no further batch may start.
     * The first reason stays.
     */
    public void interrupt(String by) {
        if (interruptedBy == null) {
            interruptedBy = by;
        }
    }

    /** True once the failure limit is reached or the rollout was asked to stop: no further batch may start. */
    public boolean stopped() {
        return limitReached() || interruptedBy != null;
    }

    /** Why later containers are left alone, for the skipped ones. */
    public String stopReason() {
        if (!limitReached() && interruptedBy != null) {
            return "not restarted: the rollout was asked to stop (" + interruptedBy + ")";
        }
        int failures = failures();
        return "not restarted: the rollout stopped after " + failures + (failures == 1 ? " failure" : " failures")
                + " (--max-fail " + plan.maxFail() + ")";
    }

    public RestartSummary summary(long millis) {
        List<String> notRestarted = names(Status.SKIPPED);
        List<ContainerFailure> failures = outcomes.stream()
                .filter(o -> o.status() == Status.FAILED)
                .map(RestartOutcome::failure)
                .toList();
        boolean interrupted = interruptedBy != null && !limitReached() && !notRestarted.isEmpty();
        return new RestartSummary(names(Status.OK), names(Status.FAILED), notRestarted, !notRestarted.isEmpty(), failures, millis,
                List.of(), interrupted);
    }

    private List<String> names(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).map(RestartOutcome::container).map(ContainerName::value).toList();
    }
}
