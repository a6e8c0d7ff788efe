package io.rootfleet.agent.engine;

import io.rootfleet.agent.plan.Plan;
import io.rootfleet.model.report.AgentEvent;

/** Where an apply tells what it plans and does: a person's terminal or the controller's JSON stream. */
public interface Reporter {

    void plan(Plan plan, boolean check);

    void hostStep(String detail);

    /** Called from several threads as containers progress in parallel. */
    void action(ActionOutcome outcome);

    void result(AgentEvent.Summary summary);
}
