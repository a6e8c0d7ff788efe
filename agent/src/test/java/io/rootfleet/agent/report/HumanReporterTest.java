package io.rootfleet.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.plan.Action;
import io.rootfleet.agent.plan.ActionKind;
import io.rootfleet.agent.plan.ContainerPlan;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class HumanReporterTest {
    private static final ContainerName NEW = new ContainerName("new-1");
    private static final ContainerName GONE = new ContainerName("gone-1");

    private static ContainerPlan change(ContainerName name, String detail, ActionKind... kinds) {
        return new ContainerPlan(name, ContainerPlan.Verdict.CHANGE,
                List.of(kinds).stream().map(k -> new Action(k, name, detail)).toList(), detail);
    }

    @Test
    void plan_marksCreateDestroyChangeAndUnlisted_andNamesTheUnlisted() {
        Plan plan = new Plan(List.of(
                change(NEW, "new container", ActionKind.CREATE, ActionKind.START),
                change(GONE, "state: absent", ActionKind.STOP, ActionKind.DESTROY),
                change(new ContainerName("web-1"), "config differs: env", ActionKind.STOP, ActionKind.UPDATE, ActionKind.START),
                new ContainerPlan(new ContainerName("old-1"), ContainerPlan.Verdict.UNLISTED, List.of(),
                        "not in the desired state; left as it is (destroy it with --prune)")));
        StringWriter text = new StringWriter();
        new HumanReporter(new PrintWriter(text, true)).plan(plan, false);

        assertThat(text.toString().lines().map(String::stripTrailing)).containsExactly(
                "Plan:",
                "  + new-1                    create, start  (new container)",
                "  - gone-1                   stop, destroy  (state: absent)",
                "  ~ web-1                    stop, update, start  (config differs: env)",
                "  ? old-1                    (not in the desired state; left as it is (destroy it with --prune))");
    }

    @Test
    void result_listsEachFailureAsItsLine() {
        StringWriter text = new StringWriter();
        new HumanReporter(new PrintWriter(text, true)).result(new AgentEvent.Summary(1, 1, 0, List.of("old-1"),
                List.of(new ContainerFailure("new-1", "start", "start failed: boom")), 12));

        assertThat(text.toString().lines()).containsExactly(
                "Result: 1 changed, 1 failed, 0 up to date, 1 unlisted (12 ms)",
                "  failed: new-1: start failed: boom");
    }
}
