package io.rootfleet.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.apply.Converger;
import io.rootfleet.agent.engine.FakeHost;
import io.rootfleet.agent.engine.RecordingReporter;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.codec.DesiredStateReader;
import io.rootfleet.model.report.AgentEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconcile use case on a fake LXC and kernel; ReconcileIT runs it on real ones. */
class ReconcilerTest {
    @TempDir
    Path tmp;

    private FakeHost host;

    /** Applies four containers, then "reboots": nothing runs, the home is as it was. */
    @BeforeEach
    void appliedThenRebooted() {
        host = new FakeHost(tmp.resolve("home"));
        new Converger(host.engine(), new RecordingReporter()).apply(DesiredStateReader.read("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: web-1, autostart: true}
                  - {name: web-2, autostart: true, order: 10}
                  - {name: db, autostart: true, order: -10}
                  - {name: batch}
                """, "desired.yml"), new Converger.Options(false, false, 4, Duration.ZERO,
                BatchSize.ALL, BatchSize.parse("1")));
        host.lxc.stopAll();
    }

    private List<String> startsSinceReboot() {
        List<String> calls = host.lxc.calls();
        return calls.subList(4, calls.size());
    }

    private AgentEvent.Summary reconcile() {
        return new Reconciler(host.engine(), new RecordingReporter()).reconcile(4, Duration.ZERO);
    }

    @Test
    void reconcile_startsTheAutostartContainers_oneOrderGroupAfterTheOther() {
        AgentEvent.Summary summary = reconcile();
        assertThat(summary.failed()).isZero();
        assertThat(startsSinceReboot()).containsExactly("start db", "start web-1", "start web-2");
    }

    @Test
    void reconcile_containerThatDiesRightAfterItsStart_isNotHealthy_andLaterGroupsStillStart() {
        host.lxc.diesOnStart("db");
        AgentEvent.Summary summary = reconcile();
        assertThat(summary.failures()).singleElement().asString()
                .startsWith("db: stopped right after it started; its init exited.");
        assertThat(startsSinceReboot()).containsExactly("start db", "start web-1", "start web-2");
    }

    @Test
    void reconcile_again_changesNothing() {
        reconcile();
        AgentEvent.Summary again = reconcile();
        assertThat(again.changed()).isZero();
        assertThat(startsSinceReboot()).hasSize(3);
    }
}
