package io.rootfleet.controller.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetReportTest {
    private static final String HEADER = "HOST                 RESULT      CHANGED FAILED      OK UNLISTED      TIME  DETAIL";

    private static List<String> print(boolean check, HostOutcome... outcomes) {
        StringWriter text = new StringWriter();
        new FleetReport(List.of(outcomes), check, ExitStatus.OK).print(new PrintWriter(text, true));
        return text.toString().lines().map(String::stripTrailing).toList();
    }

    @Test
    void check_marksEachContainerAsTheAgentDoes() {
        List<AgentEvent.PlannedContainer> plan = List.of(
                new AgentEvent.PlannedContainer("new-1", "change", List.of("create", "start"), "new container"),
                new AgentEvent.PlannedContainer("gone-1", "change", List.of("destroy"), "state: absent"),
                new AgentEvent.PlannedContainer("web-1", "change", List.of("stop", "update", "start"), "config differs: env"),
                new AgentEvent.PlannedContainer("old-1", "unlisted", List.of(), "not in the desired state"),
                new AgentEvent.PlannedContainer("db", "up-to-date", List.of(), "started"));
        HostOutcome a = new HostOutcome("a", HostOutcome.Status.OK, plan, Optional.empty(), Optional.empty(), 5);

        assertThat(print(true, a)).startsWith(
                "Plan for a:",
                "  + new-1                    create, start  (new container)",
                "  - gone-1                   destroy  (state: absent)",
                "  ~ web-1                    stop, update, start  (config differs: env)",
                "  ? old-1                      (not in the desired state)");
    }

    @Test
    void apply_namesTheUnlistedContainers_underTheirHostsRow() {
        AgentEvent.Summary one = new AgentEvent.Summary(0, 0, 1, List.of("old-1"), List.of(), 3);
        AgentEvent.Summary two = new AgentEvent.Summary(1, 1, 0, List.of("old-1", "old-2"),
                List.of(new ContainerFailure("web-1", "start", "start failed: boom")), 4);

        assertThat(print(false,
                new HostOutcome("a", HostOutcome.Status.OK, List.of(), Optional.of(one), Optional.empty(), 7),
                new HostOutcome("b", HostOutcome.Status.FAILED, List.of(), Optional.of(two), Optional.of("1 container(s) failed"), 8)))
                .containsExactly(
                        HEADER,
                        "a                    unchanged         0      0       1        1       7ms",
                        "    unlisted: old-1 (not in the playbook; left as it is, --prune destroys it)",
                        "b                    FAILED            1      1       0        2       8ms  1 container(s) failed",
                        "    web-1: start failed: boom",
                        "    unlisted: old-1, old-2 (not in the playbook; left as they are, --prune destroys them)",
                        "2 host(s): 1 ok, 1 failed, 0 unreachable; 1 container(s) changed");
    }
}
