package io.rootfleet.agent.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.plan.Run;
import io.rootfleet.agent.state.HealthRecord;
import io.rootfleet.agent.state.HealthRecord.Health;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HEALTH: what the last check said about the container as it runs now; StatusHealthIT runs it on real containers. */
class StatusInspectorTest {
    private static final Run RUNNING_42 = Run.runningWithPid(42);

    private static Optional<HealthRecord> last(Health health, int pid) {
        return Optional.of(new HealthRecord(health, pid, "2026-11-27T08:00:00Z", null));
    }

    @Test
    void healthOf_theLastCheckOfThisRun() {
        assertThat(StatusInspector.healthOf(RUNNING_42, last(Health.HEALTHY, 42))).isEqualTo("healthy");
        assertThat(StatusInspector.healthOf(RUNNING_42, last(Health.UNHEALTHY, 42))).isEqualTo("unhealthy");
        assertThat(StatusInspector.healthOf(RUNNING_42, last(Health.STARTING, 42))).isEqualTo("starting");
    }

    @Test
    void healthOf_noCheck_aCheckOfAnEarlierRun_orNotRunning_isADash() {
        assertThat(StatusInspector.healthOf(RUNNING_42, Optional.empty())).isEqualTo("-");
        assertThat(StatusInspector.healthOf(RUNNING_42, last(Health.HEALTHY, 41))).isEqualTo("-");
        assertThat(StatusInspector.healthOf(Run.STOPPED, last(Health.HEALTHY, 42))).isEqualTo("-");
    }
}
