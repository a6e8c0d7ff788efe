package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.sys.MountTable;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.agent.userns.IdRange;
import io.rootfleet.model.ContainerName;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Containers applied by the agent are unprivileged unless they say otherwise: each in its own user namespace
 * and id range, on an idmapped bind of the host's /, and what their root can no longer do to the host.
 */
class UnprivilegedDefaultIT {
    private TestHome t;

    @BeforeEach
    void setUp() {
        t = new TestHome();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String containers(String... namesAndExtra) {
        StringBuilder yaml = new StringBuilder("apiVersion: rootfleet/v1\ncontainers:\n");
        for (String entry : namesAndExtra) {
            String[] parts = entry.split("\\|", 2);
            yaml.append("  - name: ").append(parts[0]).append("\n    init: [/bin/sleep, infinity]\n    stop: {timeout: 0}\n");
            if (parts.length > 1) {
                yaml.append(parts[1]);
            }
        }
        return yaml.toString();
    }

    private void applyOk(String yaml) {
        TestHome.Run run = t.apply(yaml);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
    }

    private IdRange range(String name) {
        return t.engine().ranges().rangeOf(new ContainerName(name)).orElseThrow();
    }

    private int initPid(String name) {
        return t.lxc.list().get(new ContainerName(name)).initPid().getAsInt();
    }

    private ProcessResult sh(String name, String script) {
        return t.exec(name, "/bin/sh", "-c", script);
    }

    private static String statusLine(int pid, String key) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith(key + ":"))
                .findFirst().orElseThrow();
    }

    @Test
    void eachContainerIsRootOfItsOwnRange_onAnIdmappedRoot() throws Exception {
        String a = t.name("a");
        String b = t.name("b");
        applyOk(containers(a, b));

        IdRange ra = range(a);
        IdRange rb = range(b);
        assertThat(ra.overlaps(rb)).as("two containers never share ids").isFalse();
        assertThat(statusLine(initPid(a), "Uid")).startsWith("Uid:\t" + ra.hostBase() + "\t");
        assertThat(statusLine(initPid(b), "Uid")).startsWith("Uid:\t" + rb.hostBase() + "\t");
        assertThat(sh(a, "id -u; stat -c %u:%g /usr/bin/env /etc/passwd").stdout()).isEqualTo("0\n0:0\n0:0\n");

        // one idmapped, read-only bind of / per range, and no other mount of the host root for them
        for (IdRange r : new IdRange[] {ra, rb}) {
            Path bind = t.home.idmappedRoot(r.hostBase());
            assertThat(MountTable.read().at(bind)).get().satisfies(m -> assertThat(m.options()).contains("ro", "idmapped"));
            assertThat(Files.getAttribute(bind, "unix:uid")).isEqualTo((int) r.hostBase());
        }
        // apply again: nothing to change, nothing mounted twice
        assertThat(MountTable.read().atOrBelow(t.home.idmappedRoots())).hasSize(2);
        applyOk(containers(a, b));
        assertThat(MountTable.read().atOrBelow(t.home.idmappedRoots())).hasSize(2);
    }

    @Test
    void copyUp_isOwnedByTheRangesBase_andFilesAreShifted() throws Exception {
        String a = t.name("a");
        applyOk(containers(a + "|    files: [{path: /srv/app/x.conf, content: \"x\\n\", mode: 0640, uid: 33, gid: 33}]\n"));
        IdRange r = range(a);
        assertThat(sh(a, "echo hi > /etc/rf-copy-up && stat -c %u:%g /etc/rf-copy-up /srv/app/x.conf").stdout())
                .isEqualTo("0:0\n33:33\n");
        Path upper = t.home.upper(new ContainerName(a));
        assertThat(Files.getAttribute(upper.resolve("etc/rf-copy-up"), "unix:uid")).isEqualTo((int) r.hostBase());
        assertThat(Files.getAttribute(upper.resolve("srv/app/x.conf"), "unix:uid")).isEqualTo((int) r.hostBase() + 33);
        assertThat(Path.of("/etc/rf-copy-up")).doesNotExist();
    }

    /** Row a of issue 9: a fresh proc mount inside, then the host's sysctl written through it. */
    @Test
    void rowA_hostSysctlCannotBeWritten_mknodOfABlockDeviceFails() throws Exception {
        String a = t.name("a");
        applyOk(containers(a));
        Path sysctl = Path.of("/proc/sys/kernel/core_pattern");
        String hostValue = Files.readString(sysctl);

        ProcessResult fresh = sh(a, "mkdir -p /run/p && mount -t proc proc /run/p && echo '|/bin/false rf-it' > /run/p/sys/kernel/core_pattern");
        ProcessResult own = sh(a, "echo '|/bin/false rf-it' > /proc/sys/kernel/core_pattern");
        assertThat(fresh.exitCode()).as(fresh.stderr()).isNotZero();
        assertThat(own.exitCode()).as(own.stderr()).isNotZero();
        assertThat(Files.readString(sysctl)).isEqualTo(hostValue);

        ProcessResult mknod = sh(a, "mknod /run/disk b 8 0");
        assertThat(mknod.exitCode()).as(mknod.stderr()).isNotZero();
    }

    @Test
    void cgroupLimits_cannotBeRaisedFromInside() throws Exception {
        String a = t.name("a");
        applyOk(containers(a + "|    limits: {memory: 64M, pids: 50}\n"));
        ProcessResult memory = sh(a, "mkdir -p /run/cgm && mount -t cgroup -o memory cgroup /run/cgm"
                + " && echo 1073741824 > /run/cgm/memory.limit_in_bytes");
        ProcessResult pids = sh(a, "mkdir -p /run/cgp && mount -t cgroup -o pids cgroup /run/cgp && echo max > /run/cgp/pids.max");
        assertThat(memory.exitCode()).isNotZero();
        assertThat(pids.exitCode()).isNotZero();
        ContainerName name = new ContainerName(a);
        assertThat(new io.rootfleet.agent.sys.CommonsExecRunner().run(java.util.List.of("lxc-cgroup", "-n", a, "-P",
                t.home.containers().toString(), "pids.max"), java.time.Duration.ofSeconds(10)).stdout().strip()).isEqualTo("50");
        assertThat(t.lxc.list().get(name).running()).isTrue();
    }

    @Test
    void destroy_unmountsTheRangesRoot_andReleasesTheRange() throws Exception {
        String a = t.name("a");
        applyOk(containers(a));
        IdRange r = range(a);
        Path bind = t.home.idmappedRoot(r.hostBase());
        assertThat(MountTable.read().at(bind)).isPresent();

        applyOk(containers(a + "|    state: absent\n"));

        assertThat(MountTable.read().at(bind)).isEmpty();
        assertThat(bind).doesNotExist();
        assertThat(t.engine().ranges().rangeOf(new ContainerName(a))).isEmpty();
        assertThat(Path.of("/").resolve("etc/passwd")).exists(); // the host root, never deleted through
    }

    @Test
    void switchingPrivilege_convertsInPlace_andBack() throws Exception {
        String a = t.name("a");
        applyOk(containers(a + "|    privileged: true\n    allowPrivilegedWithoutAppArmor: true\n"));
        sh(a, "mkdir -p /srv/data && echo kept > /srv/data/f && chown 33:33 /srv/data/f");
        assertThat(statusLine(initPid(a), "Uid")).startsWith("Uid:\t0\t");
        Path f = t.home.upper(new ContainerName(a)).resolve("srv/data/f");
        assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(33);
        // status says it loudly, as text and as JSON
        TestHome.Run status = t.agent("status");
        assertThat(status.out()).contains("PRIVILEGED: " + a + " runs as the host's root");
        assertThat(t.agent("status", "--json").out()).contains("\"privileged\":true");

        applyOk(containers(a));
        IdRange r = range(a);
        assertThat(t.agent("status").out()).doesNotContain("PRIVILEGED");
        assertThat(statusLine(initPid(a), "Uid")).startsWith("Uid:\t" + r.hostBase() + "\t");
        assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo((int) r.hostBase() + 33);
        assertThat(sh(a, "cat /srv/data/f; stat -c %u /srv/data/f").stdout()).isEqualTo("kept\n33\n");

        applyOk(containers(a + "|    privileged: true\n    allowPrivilegedWithoutAppArmor: true\n"));
        assertThat(statusLine(initPid(a), "Uid")).startsWith("Uid:\t0\t");
        assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(33);
        assertThat(t.engine().ranges().rangeOf(new ContainerName(a))).isEmpty();
        assertThat(MountTable.read().at(t.home.idmappedRoot(r.hostBase()))).isEmpty();
    }

    @Test
    void privilegedWithoutAppArmor_isRefusedWithTheReason() {
        String a = t.name("a");
        TestHome.Run run = t.apply(containers(a + "|    privileged: true\n"));
        if (io.rootfleet.agent.lxc.HostFacts.detect().appArmor()) {
            return; // the second opt-in is only asked for on hosts without AppArmor
        }
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("container " + a + ": privileged: true on a host without AppArmor: its root is the"
                + " host's root: with no AppArmor to stop it, it can mount proc and write the host's sysctls");
        assertThat(t.home.containerDir(new ContainerName(a))).doesNotExist();
    }

    @Test
    void reconcileAfterAReboot_mountsTheRangesRootAgain() throws Exception {
        String a = t.name("a");
        applyOk(containers(a + "|    autostart: true\n"));
        IdRange r = range(a);
        t.lxc.stop(new ContainerName(a), new io.rootfleet.model.StopPolicy("SIGKILL", 0));
        new io.rootfleet.agent.host.HostLayers(t.home, io.rootfleet.agent.sys.Kernel.get()).release();
        assertThat(MountTable.read().atOrBelow(t.dir)).isEmpty();

        TestHome.Run run = t.agent("reconcile");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(MountTable.read().at(t.home.idmappedRoot(r.hostBase()))).isPresent();
        assertThat(statusLine(initPid(a), "Uid")).startsWith("Uid:\t" + r.hostBase() + "\t");
    }

    @Test
    void hostSystemd_bootsAsInit_unprivileged() throws Exception {
        String a = t.name("sd");
        applyOk("apiVersion: rootfleet/v1\ncontainers:\n  - name: " + a + "\n");
        String state = "";
        for (int i = 0; i < 180 && !state.equals("running") && !state.equals("degraded"); i++) {
            Thread.sleep(500);
            state = t.exec(a, "/bin/systemctl", "is-system-running").stdout().strip();
        }
        assertThat(state).as(t.exec(a, "/bin/systemctl", "--failed", "--no-legend").stdout()).isEqualTo("running");
        assertThat(statusLine(initPid(a), "Uid")).startsWith("Uid:\t" + range(a).hostBase() + "\t");
    }
}
