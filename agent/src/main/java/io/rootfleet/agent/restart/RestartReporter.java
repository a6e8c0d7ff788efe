package io.rootfleet.agent.restart;

import io.rootfleet.model.report.RestartSummary;

/** Where a rolling restart tells what it will do and does: a person's terminal or a JSON stream. */
public interface RestartReporter {

    void hostStep(String detail);

    /** The batches, before the first one starts; empty when there is nothing to restart. */
    void rollout(RolloutPlan plan);

    /** A batch is about to start. */
    void batch(Batch batch, int batchCount);

    /** Called from several threads as the containers of a batch finish. */
    void restarted(RestartOutcome outcome);

    void result(RestartSummary summary);
}
