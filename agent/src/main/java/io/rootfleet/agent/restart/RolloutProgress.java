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

    /** Why later containers are left alone, for the skipped ones. */
    public String stopReason() {
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
        return new RestartSummary(names(Status.OK), names(Status.FAILED), notRestarted, !notRestarted.isEmpty(), failures, millis);
    }

    private List<String> names(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).map(RestartOutcome::container).map(ContainerName::value).toList();
    }
}
