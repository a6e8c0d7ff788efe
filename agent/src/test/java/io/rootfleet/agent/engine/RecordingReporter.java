package io.rootfleet.agent.engine;

import io.rootfleet.agent.plan.Plan;
import io.rootfleet.model.report.AgentEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link Reporter} that keeps what it is told. */
public final class RecordingReporter implements Reporter {
    public final List<ActionOutcome> actions = Collections.synchronizedList(new ArrayList<>());
    public final List<String> hostSteps = new ArrayList<>();
    public Plan plan;
    public AgentEvent.Summary summary;

    @Override
    public void plan(Plan plan, boolean check) {
        this.plan = plan;
    }

    @Override
    public void hostStep(String detail) {
        hostSteps.add(detail);
    }

    @Override
    public void action(ActionOutcome outcome) {
        actions.add(outcome);
    }

    @Override
    public void result(AgentEvent.Summary summary) {
        this.summary = summary;
    }
}
