package io.rootfleet.agent.report;

import io.rootfleet.agent.engine.ActionOutcome;
import io.rootfleet.agent.engine.Reporter;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.model.report.AgentEvent;
import java.io.PrintWriter;
import java.util.List;

/** Newline-delimited {@link AgentEvent}s, one per line, flushed as they happen: what the controller reads. */
public final class JsonReporter implements Reporter {
    private final PrintWriter out;

    public JsonReporter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void plan(Plan plan, boolean check) {
        emit(AgentEvent.plan(plan.planned(), check));
    }

    @Override
    public void hostStep(String detail) {
        emit(AgentEvent.host(detail));
    }

    @Override
    public void action(ActionOutcome o) {
        emit(AgentEvent.action(o.action().container().value(), o.action().kind().label(), o.statusLabel(), o.millis(), o.error()));
    }

    @Override
    public void result(AgentEvent.Summary summary) {
        emit(AgentEvent.result(summary));
    }

    public void emit(AgentEvent event) {
        synchronized (out) {
            out.println(Json.write(event));
            out.flush();
        }
    }
}
