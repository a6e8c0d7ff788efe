package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.host.HostLayers;
import io.rootfleet.agent.lxc.LxcStatus;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.MountTable;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.StopPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A simulated reboot (containers killed, every mount gone) and the reconcile that brings the host back. */
class ReconcileIT {
    private TestHome t;
    private String db;
    private String web;
    private String batch;

    @BeforeEach
    void setUp() {
        t = new TestHome();
        db = t.name("db");
        web = t.name("web");
        batch = t.name("batch");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private LxcStatus state(String name) {
        return t.lxc.list().getOrDefault(new ContainerName(name), LxcStatus.STOPPED);
    }

    private void reboot() {
        t.lxc.list().forEach((name, s) -> {
            if (s.running()) {
                t.lxc.stop(name, new StopPolicy("SIGKILL", 0));
            }
        });
        new HostLayers(t.home, Kernel.get()).release();
        assertThat(MountTable.read().entries()).noneMatch(m -> m.mountPoint().startsWith(t.dir));
    }

    /** Jiffies since boot at which a process started: field 22 of /proc/PID/stat. */
    private static long startTicks(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    }

    @Test
    void reconcile_bringsBackMountsAndAutostartContainers_inOrder_andLeavesOthersAlone() throws IOException {
        TestHome.Run applied = t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, autostart: true, order: 10, init: [/bin/sleep, infinity], stop: {timeout: 0},
                     health: {command: [/usr/bin/test, -e, /etc/hostname], interval: 0}}
                  - {name: %s, autostart: true, order: -10, init: [/bin/sleep, infinity], stop: {timeout: 0}}
                  - {name: %s, init: [/bin/sleep, infinity], stop: {timeout: 0}}
                """.formatted(web, db, batch));
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        byte[] desired = Files.readAllBytes(t.home.desiredFile());

        reboot();
        TestHome.Run run = t.agent("reconcile");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("bound / read-only", "mounted mask tmpfs", "Result: 2 changed, 0 failed");
        assertThat(new HostLayers(t.home, Kernel.get()).ready()).isTrue();
        assertThat(state(db).running()).isTrue();
        assertThat(state(web).running()).isTrue();
        assertThat(state(batch).running()).as("no autostart: left stopped").isFalse();
        assertThat(startTicks(state(db).initPid().getAsInt()))
                .as("order -10 starts (and is healthy) before order 10")
                .isLessThan(startTicks(state(web).initPid().getAsInt()));
        assertThat(Files.readAllBytes(t.home.desiredFile())).as("the remembered desired state is kept").isEqualTo(desired);
        assertThat(t.exec(web, "/bin/cat", "/etc/hostname").stdout().strip()).isEqualTo(web);

        int webPid = state(web).initPid().getAsInt();
        TestHome.Run again = t.agent("reconcile");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("nothing to change");
        assertThat(state(web).initPid()).hasValue(webPid);
    }

    @Test
    void reconcile_reportsAnAutostartContainerThatDoesNotComeUpHealthy() {
        t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, autostart: true, init: [/bin/sleep, infinity], stop: {timeout: 0},
                     health: {command: [/usr/bin/test, -e, /never], retries: 1, interval: 0}}
                """.formatted(web));
        reboot();

        TestHome.Run run = t.agent("reconcile");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(web + ": started but not healthy: health check `/usr/bin/test -e /never` failed 2 times");
    }

    @Test
    void reconcile_withNothingRemembered_changesNothing() {
        TestHome.Run run = t.agent("reconcile");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("No containers declared or managed here.");
        assertThat(MountTable.read().entries()).noneMatch(m -> m.mountPoint().startsWith(t.dir));
    }
}
