package io.rootfleet.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.audit.Actor;
import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.model.report.ContainerStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTextTest {
    private static final Actor HOOK = new Actor("root", null, null, "hook");

    static AuditEntry restart(String time, boolean stale, Map<String, Long> millis, List<String> failed, int exit) {
        return new AuditEntry(time, null, HOOK, "restart", stale ? List.of("restart", "--stale", "--json") : List.of("restart", "a"),
                new AuditEntry.Changes(null, null, null, null, List.copyOf(millis.keySet()), failed, null, null, null, millis),
                exit == 0 ? "OK" : "FAILED", exit, 10);
    }

    static HostMetrics sample() {
        List<ContainerStatus> containers = List.of(
                new ContainerStatus("a", "started", "RUNNING", 1, 0, true, null, true, List.of(), null, null, false, null),
                new ContainerStatus("b", "started", "RUNNING", 2, 0, true, null, false, List.of("/etc/ssl/x"), null, null, true, "db (x, t)"),
                new ContainerStatus("c", "stopped", "STOPPED", null, 0, true, null, null, List.of(), null, null, false, null));
        List<AuditEntry> audit = List.of(
                restart("2026-11-27T08:00:00Z", true, Map.of("a", 400L, "b", 1500L), List.of(), 0),
                restart("2026-11-27T09:00:00Z", false, Map.of("a", 7000L), List.of(), 0),
                restart("2026-11-27T10:00:00.500Z", true, Map.of("a", 200L), List.of("b"), 1));
        return new HostMetrics(containers, false, audit, 2, new HookRuns(5, 1, Instant.parse("2026-11-27T10:00:00Z")));
    }

    @Test
    void render_isValidTextFormat_withTheValuesOfTheHost() {
        String text = MetricsText.render(sample());
        PrometheusTextParser.Exposition parsed = PrometheusTextParser.parse(text);

        assertThat(parsed.type("rootfleet_containers")).isEqualTo("gauge");
        assertThat(parsed.value("rootfleet_containers", Map.of("state", "running"))).isEqualTo(2);
        assertThat(parsed.value("rootfleet_containers", Map.of("state", "stopped"))).isEqualTo(1);
        assertThat(parsed.value("rootfleet_containers_stale", Map.of())).isEqualTo(1);
        assertThat(parsed.value("rootfleet_containers_shadowing", Map.of())).isEqualTo(1);
        assertThat(parsed.value("rootfleet_containers_held", Map.of())).isEqualTo(1);
        assertThat(parsed.value("rootfleet_host_held", Map.of())).isEqualTo(0);
        // the last restart --stale, not the later named restart
        assertThat(parsed.value("rootfleet_last_patch_timestamp_seconds", Map.of())).isEqualTo(1795773600.5);
        assertThat(parsed.value("rootfleet_last_patch_success", Map.of())).isEqualTo(0);
        assertThat(parsed.value("rootfleet_last_patch_containers", Map.of("outcome", "restarted"))).isEqualTo(1);
        assertThat(parsed.value("rootfleet_last_patch_containers", Map.of("outcome", "failed"))).isEqualTo(1);
        assertThat(parsed.type("rootfleet_restart_duration_seconds")).isEqualTo("histogram");
        assertThat(parsed.value("rootfleet_restart_duration_seconds_count", Map.of())).isEqualTo(4);
        assertThat(parsed.value("rootfleet_restart_duration_seconds_sum", Map.of())).isEqualTo(9.1);
        assertThat(parsed.value("rootfleet_restart_duration_seconds_bucket", Map.of("le", "0.25"))).isEqualTo(1);
        assertThat(parsed.value("rootfleet_restart_duration_seconds_bucket", Map.of("le", "0.5"))).isEqualTo(2);
        assertThat(parsed.value("rootfleet_restart_duration_seconds_bucket", Map.of("le", "2.5"))).isEqualTo(3);
        assertThat(parsed.value("rootfleet_restart_duration_seconds_bucket", Map.of("le", "10.0"))).isEqualTo(4);
        assertThat(parsed.value("rootfleet_restart_duration_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(4);
        assertThat(parsed.type("rootfleet_hook_runs_total")).isEqualTo("counter");
        assertThat(parsed.value("rootfleet_hook_runs_total", Map.of())).isEqualTo(5);
        assertThat(parsed.value("rootfleet_hook_failures_total", Map.of())).isEqualTo(1);
        assertThat(parsed.value("rootfleet_hook_last_run_timestamp_seconds", Map.of())).isEqualTo(1795773600);
        assertThat(parsed.value("rootfleet_audit_log_unreadable_lines", Map.of())).isEqualTo(2);
    }

    @Test
    void aFreshHost_hasNoPatchOrHookTimes_butEveryCountAtZero() {
        String text = MetricsText.render(new HostMetrics(List.of(), true, List.of(), 0, HookRuns.NONE));
        PrometheusTextParser.Exposition parsed = PrometheusTextParser.parse(text);
        assertThat(parsed.value("rootfleet_containers", Map.of("state", "running"))).isEqualTo(0);
        assertThat(parsed.value("rootfleet_host_held", Map.of())).isEqualTo(1);
        assertThat(parsed.value("rootfleet_restart_duration_seconds_count", Map.of())).isEqualTo(0);
        assertThat(parsed.value("rootfleet_hook_runs_total", Map.of())).isEqualTo(0);
        assertThat(parsed.families()).doesNotContain("rootfleet_last_patch_timestamp_seconds",
                "rootfleet_hook_last_run_timestamp_seconds");
    }
}
