package io.rootfleet.controller.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.report.ContainerStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A canary's restarted containers during the soak: running, not unhealthy, and still the same run. */
class AgentHealthTest {
    private final AgentHealth health = new AgentHealth(null);

    private static ContainerStatus container(String name, String state, Integer initPid, String health) {
        return new ContainerStatus(name, "started", state, initPid, 0, true, null, false, List.of(), false, health, null, null);
    }

    private static AgentStatus.HostStatus ok(ContainerStatus... containers) {
        return new AgentStatus.HostStatus("a", HostOutcome.Status.OK, List.of(containers), Optional.empty());
    }

    @Test
    void runningAndHealthy_thenTheSameInit_isNoProblem() {
        assertThat(health.judge("a", ok(container("web-1", "RUNNING", 42, "healthy")), List.of("web-1"))).isEmpty();
        assertThat(health.judge("a", ok(container("web-1", "RUNNING", 42, "-")), List.of("web-1"))).isEmpty();
    }

    @Test
    void aFailedHealthCheck_isAProblem_namingTheContainer() {
        assertThat(health.judge("a", ok(container("web-1", "RUNNING", 42, "unhealthy")), List.of("web-1")))
                .hasValueSatisfying(p -> assertThat(p).startsWith("web-1 is unhealthy"));
    }

    @Test
    void aNewInit_stoppedOrGone_areProblems() {
        assertThat(health.judge("a", ok(container("web-1", "RUNNING", 42, "healthy")), List.of("web-1"))).isEmpty();
        assertThat(health.judge("a", ok(container("web-1", "RUNNING", 43, "healthy")), List.of("web-1")))
                .hasValue("web-1 was started again (init 42 -> 43)");
        assertThat(health.judge("a", ok(container("web-2", "STOPPED", null, "-")), List.of("web-2", "web-3")))
                .hasValue("web-2 is STOPPED, web-3 is gone");
    }

    @Test
    void aStatusThatFailed_isAProblem() {
        assertThat(health.judge("a", AgentStatus.HostStatus.failed("a", HostOutcome.Status.UNREACHABLE, "connection refused"),
                List.of("web-1"))).hasValue("status failed: connection refused");
    }
}
