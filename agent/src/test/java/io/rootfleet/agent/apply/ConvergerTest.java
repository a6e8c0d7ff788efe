package io.rootfleet.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.engine.ActionOutcome;
import io.rootfleet.agent.engine.FakeHost;
import io.rootfleet.agent.engine.RecordingReporter;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateReader;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerFailure;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    /** Four containers web-1..web-4 with a TCP health check, and {@code extra} YAML in each (e.g. an env). */
    private static DesiredState four(String extra) {
        StringBuilder yaml = new StringBuilder("apiVersion: rootfleet/v1\ncontainers:\n");
        for (int i = 1; i <= 4; i++) {
            yaml.append("  - {name: web-").append(i).append(", init: [/usr/bin/sleep, infinity],"
                    + " health: {tcp: 80, retries: 0}").append(extra).append("}\n");
        }
        return DesiredStateReader.read(yaml.toString(), "desired.yml");
    }

    private static AgentEvent.Summary apply(FakeHost host, RecordingReporter reporter, DesiredState desired, String batch,
            String maxFail) {
        return new Converger(host.engine(), reporter).apply(desired, new Converger.Options(false, false, 4, Duration.ZERO,
                BatchSize.parse(batch), BatchSize.parse(maxFail)));
    }

    /** The most containers stopped at once (a stop not yet followed by its start) in this sequence of calls. */
    private static int mostDownAtOnce(List<String> calls) {
        Set<String> down = new HashSet<>();
        int most = 0;
        for (String call : calls) {
            String[] words = call.split(" ");
            if (words[0].equals("stop")) {
                down.add(words[1]);
            } else if (words[0].equals("start")) {
                down.remove(words[1]);
            }
            most = Math.max(most, down.size());
        }
        return most;
    }

    @Test
    void apply_changeToRunningContainers_restartsThemBatchByBatch_eachHealthyBeforeTheNextStarts() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        apply(host, new RecordingReporter(), four(""), "25%", "1");
        int before = host.lxc.calls().size();
        RecordingReporter reporter = new RecordingReporter();

        AgentEvent.Summary summary = apply(host, reporter, four(", env: {V: '2'}"), "2", "1");

        assertThat(summary.changed()).isEqualTo(4);
        assertThat(summary.failed()).isZero();
        assertThat(summary.notTouched()).isEmpty();
        List<String> calls = host.lxc.calls().subList(before, host.lxc.calls().size());
        assertThat(mostDownAtOnce(calls)).isEqualTo(2);
        // batch 2 (web-3, web-4) is stopped only once both of batch 1 answered their health check
        assertThat(calls.subList(0, 6)).containsExactlyInAnyOrder(
                "stop web-1", "stop web-2", "start web-1", "start web-2", "probe web-1", "probe web-2");
        assertThat(calls.subList(6, 12)).containsExactlyInAnyOrder(
                "stop web-3", "stop web-4", "start web-3", "start web-4", "probe web-3", "probe web-4");
        assertThat(reporter.hostSteps).containsExactly(
                "rolling restart of 4 running container(s) in 2 batch(es) of up to 2 (--batch 2), each healthy before"
                        + " the next; stopping once 1 fail (--max-fail 1)",
                "batch 1/2 (order 0): web-1, web-2",
                "batch 2/2 (order 0): web-3, web-4");
    }

    @Test
    void apply_failedBatch_stopsTheRollout_theRestNotTouchedAndStillRunning() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        apply(host, new RecordingReporter(), four(""), "25%", "1");
        host.lxc.refusesConnections("web-2");
        int before = host.lxc.calls().size();
        RecordingReporter reporter = new RecordingReporter();

        AgentEvent.Summary summary = apply(host, reporter, four(", env: {V: '2'}"), "2", "1");

        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.failures()).singleElement().asString().startsWith(
                "web-2: started but not healthy: health check `tcp port 80` failed 1 time; last: exit 1: Connection refused");
        assertThat(summary.notTouched()).containsExactly("web-3", "web-4");
        assertThat(summary.changed()).isEqualTo(2);
        List<String> calls = host.lxc.calls().subList(before, host.lxc.calls().size());
        assertThat(calls).noneMatch(c -> c.endsWith("web-3") || c.endsWith("web-4"));
        assertThat(host.lxc.state(new ContainerName("web-4")).running()).isTrue();
        assertThat(reporter.actions).filteredOn(o -> o.status() == ActionOutcome.Status.SKIPPED)
                .extracting(o -> o.action().toString() + ": " + o.error())
                .contains("stop web-3 (to apply changes): not touched: the rolling apply stopped after 1 failure"
                        + " (--max-fail 1)");
    }

    @Test
    void apply_maxFailAsAShare_letsTheRolloutGoOnUntilItIsReached() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        apply(host, new RecordingReporter(), four(""), "25%", "1");
        host.lxc.refusesConnections("web-1");

        AgentEvent.Summary summary = apply(host, new RecordingReporter(), four(", env: {V: '2'}"), "1", "50%");
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.notTouched()).isEmpty();

        host.lxc.refusesConnections("web-2");
        AgentEvent.Summary again = apply(host, new RecordingReporter(), four(", env: {V: '3'}"), "1", "50%");
        assertThat(again.failed()).isEqualTo(2);
        assertThat(again.notTouched()).containsExactly("web-3", "web-4");
    }

    @Test
    void apply_newAndStoppedContainers_goInParallelBeforeTheRollout_andLowerOrderRollsFirst() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        apply(host, new RecordingReporter(), DesiredStateReader.read("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: a, order: 2}
                  - {name: b, order: 1}
                  - {name: c, state: stopped}
                """, "desired.yml"), "25%", "1");
        int before = host.lxc.calls().size();
        RecordingReporter reporter = new RecordingReporter();

        AgentEvent.Summary summary = apply(host, reporter, DesiredStateReader.read("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: a, order: 2, env: {V: '2'}}
                  - {name: b, order: 1, env: {V: '2'}}
                  - {name: c}
                  - {name: d}
                """, "desired.yml"), "100%", "1");

        assertThat(summary.changed()).isEqualTo(4);
        List<String> calls = host.lxc.calls().subList(before, host.lxc.calls().size());
        assertThat(calls.subList(0, 2)).containsExactlyInAnyOrder("start c", "start d");
        assertThat(calls.subList(2, 6)).containsExactly("stop b", "start b", "stop a", "start a");
        assertThat(reporter.hostSteps).contains("batch 1/2 (order 1): b", "batch 2/2 (order 2): a");
    }
}
