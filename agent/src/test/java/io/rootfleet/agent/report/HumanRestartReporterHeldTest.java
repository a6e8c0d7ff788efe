package io.rootfleet.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.restart.RolloutPlanner;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.report.HeldContainer;
import io.rootfleet.model.report.RestartSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A restart that left held containers alone says so, one line each, even when nothing else happened. */
class HumanRestartReporterHeldTest {

    @Test
    void heldContainers_areListedAsHeldNotRestarted() {
        StringWriter text = new StringWriter();
        HumanRestartReporter reporter = new HumanRestartReporter(new PrintWriter(text, true));
        reporter.rollout(RolloutPlanner.plan(Map.of(), BatchSize.parse("25%"), 1));
        reporter.result(new RestartSummary(List.of(), List.of(), List.of(), false, List.of(), 3, List.of(
                new HeldContainer("db-1", "migration", "alice (sudo) from 10.0.0.5:1", "2026-11-27T08:00:00Z", false),
                new HeldContainer("web-1", "kernel test", "local root", "2026-11-27T09:00:00Z", true))));
        assertThat(text.toString()).isEqualTo("""
                nothing to restart
                  db-1: held, not restarted (migration, held by alice (sudo) from 10.0.0.5:1)
                  web-1: held, not restarted (the host is held: kernel test, held by local root)
                """);
    }
}
