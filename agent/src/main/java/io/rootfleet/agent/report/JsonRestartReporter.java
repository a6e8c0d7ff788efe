package io.rootfleet.agent.report;

import io.rootfleet.agent.restart.Batch;
import io.rootfleet.agent.restart.RestartOutcome;
import io.rootfleet.agent.restart.RestartReporter;
import io.rootfleet.agent.restart.RolloutPlan;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A rolling restart as newline-delimited {@link AgentEvent}s: {@code rollout} (the batches), then an {@code
 * action} "restart" per container as it finishes (ok, failed or skipped), then {@code result} with {@code
 * restart} (and, when asked, {@code staleAfter}).
 */
public final class JsonRestartReporter implements RestartReporter {
    private final JsonReporter json;
    private final Supplier<Optional<StaleReport>> rescan;

    /** @param rescan the scan to report in the result as {@code staleAfter}, made when the rollout has ended */
    public JsonRestartReporter(PrintWriter out, Supplier<Optional<StaleReport>> rescan) {
        this.json = new JsonReporter(out);
        this.rescan = rescan;
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
        json.emit(AgentEvent.result(summary, rescan.get().orElse(null)));
    }
}
