package io.rootfleet.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.engine.FakeHost;
import io.rootfleet.agent.engine.RecordingReporter;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateReader;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerFailure;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apply use case on a fake LXC and kernel; ContainerLifecycleIT runs it on real ones. */
class ConvergerTest {
    private static final DesiredState TWO = DesiredStateReader.read("""
            apiVersion: rootfleet/v1
            containers:
              - {name: web-1}
              - {name: web-2}
            """, "desired.yml");

    @TempDir
    Path tmp;

    private static AgentEvent.Summary apply(FakeHost host, DesiredState desired, boolean check) {
        return new Converger(host.engine(), new RecordingReporter())
                .apply(desired, new Converger.Options(check, false, 4, Duration.ZERO, BatchSize.ALL,
                        BatchSize.parse("1")));
    }

    @Test
    void apply_createsAndStarts_thenASecondApplyChangesNothing() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        AgentEvent.Summary first = apply(host, TWO, false);
        assertThat(first.changed()).isEqualTo(2);
        assertThat(first.failed()).isZero();
        assertThat(host.lxc.calls()).containsExactlyInAnyOrder("start web-1", "start web-2");

        AgentEvent.Summary second = apply(host, TWO, false);
        assertThat(second.changed()).isZero();
        assertThat(second.unchanged()).isEqualTo(2);
        assertThat(host.lxc.calls()).hasSize(2);
    }

    @Test
    void apply_check_changesNothing() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        AgentEvent.Summary summary = apply(host, TWO, true);
        assertThat(summary.changed()).isEqualTo(2);
        assertThat(host.lxc.calls()).isEmpty();
        assertThat(host.home.containers()).doesNotExist();
    }

    @Test
    void apply_containerThatDiesRightAfterItsStart_isAFailure() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        host.lxc.diesOnStart("web-2");
        AgentEvent.Summary summary = apply(host, TWO, false);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.failures()).singleElement().asString()
                .startsWith("web-2: stopped right after it started; its init exited. Console output: (none; see ");
    }

    @Test
    void apply_failedStep_isReportedWithTheContainerAndStep() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        host.lxc.failsToStart("web-1");
        AgentEvent.Summary summary = apply(host, TWO, false);
        assertThat(summary.failures()).containsExactly(
                new ContainerFailure("web-1", "start", "start failed: lxc-start failed for web-1"));
        assertThat(host.lxc.state(new io.rootfleet.model.ContainerName("web-2")).running()).isTrue();
    }
}
