package io.rootfleet.agent.report;

import io.rootfleet.agent.restart.Batch;
import io.rootfleet.agent.restart.RestartOutcome;
import io.rootfleet.agent.restart.RestartReporter;
import io.rootfleet.agent.restart.RolloutPlan;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.RestartSummary;
import java.io.PrintWriter;

/**
 * A rolling restart as newline-delimited {@link AgentEvent}s: {@code rollout} (the batches), then an {@code
 * action} "restart" per container as it finishes (ok, failed or skipped), then {@code result} with {@code
 * restart}.
 */
public final class JsonRestartReporter implements RestartReporter {
    private final JsonReporter json;

    public JsonRestartReporter(PrintWriter out) {
        this.json = new JsonReporter(out);
    }

    @Override
    public void hostStep(String detail) {
        json.emit(AgentEvent.host(detail));
    }

    @Override
    public void rollout(RolloutPlan plan) {
        json.emit(AgentEvent.rollout(plan.batches().stream()
                .map(b -> b.containers().stream().map(ContainerName::value).toList())
                .toList()));
    }

    @Override
    public void batch(Batch batch, int batchCount) {
        // the rollout event already listed the batches
    }

    @Override
    public void restarted(RestartOutcome o) {
        json.emit(AgentEvent.action(o.container().value(), "restart", o.statusLabel(), o.millis(), o.detail()));
    }

    @Override
    public void result(RestartSummary summary) {
        json.emit(AgentEvent.result(summary));
    }
}
