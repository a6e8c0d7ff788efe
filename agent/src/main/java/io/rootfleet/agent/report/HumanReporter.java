package io.rootfleet.agent.report;

import io.rootfleet.agent.engine.ActionOutcome;
import io.rootfleet.agent.engine.Reporter;
import io.rootfleet.agent.plan.Action;
import io.rootfleet.agent.plan.ActionKind;
import io.rootfleet.agent.plan.ContainerPlan;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.PlanSymbols;
import java.io.PrintWriter;
import java.util.List;

/** Plain text for a person: the plan, one line per step as it finishes, and a summary. */
public final class HumanReporter implements Reporter {
    private final PrintWriter out;

    public HumanReporter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void plan(Plan plan, boolean check) {
        synchronized (out) {
            if (plan.containers().isEmpty()) {
                out.println("No containers declared or managed here.");
            } else if (plan.changes().isEmpty()) {
                out.println("Plan: nothing to change (" + plan.containers().size() + " containers up to date"
                        + (plan.unlisted().isEmpty() ? "" : ", " + plan.unlisted().size() + " unlisted") + ").");
            } else {
                out.println("Plan" + (check ? " (check only: nothing is changed)" : "") + ":");
            }
            for (ContainerPlan c : plan.containers()) {
                if (c.verdict() == ContainerPlan.Verdict.UP_TO_DATE) {
                    continue;
                }
                List<String> labels = c.actions().stream().map(Action::kind).map(ActionKind::label).toList();
                String symbol = PlanSymbols.of(c.verdict() == ContainerPlan.Verdict.UNLISTED, labels);
                String steps = String.join(", ", labels);
                out.printf("  %s %-24s %s%s%n", symbol, c.container(), steps.isEmpty() ? "" : steps + "  ", "(" + c.detail() + ")");
            }
            out.flush();
        }
    }

    @Override
    public void hostStep(String detail) {
        synchronized (out) {
            out.println("host: " + detail);
            out.flush();
        }
    }

    @Override
    public void action(ActionOutcome o) {
        synchronized (out) {
            out.printf("%-24s %-8s %s%s%n", o.action().container(), o.action().kind().label(), o.statusLabel(),
                    o.status() == ActionOutcome.Status.OK ? " (" + o.millis() + " ms)" : ": " + o.error());
            out.flush();
        }
    }

    @Override
    public void result(AgentEvent.Summary s) {
        synchronized (out) {
            out.printf("Result: %d changed, %d failed, %d up to date%s (%d ms)%n", s.changed(), s.failed(), s.unchanged(),
                    s.unlisted().isEmpty() ? "" : ", " + s.unlisted().size() + " unlisted", s.millis());
            s.failures().forEach(f -> out.println("  failed: " + f.line()));
            if (!s.notTouched().isEmpty()) {
                out.println("  not touched (the rolling restart stopped at --max-fail; they run as they were): "
                        + String.join(", ", s.notTouched()));
            }
            out.flush();
        }
    }
}
