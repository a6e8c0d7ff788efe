package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.cli.AgentCli;
import io.rootfleet.agent.host.SafeDelete;
import io.rootfleet.agent.sys.Kernel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rootfleet-agent teardown} against real containers, mounts, a hook and a boot unit (in scratch
 * configuration directories, never the host's): afterwards no mount of the home is left in
 * /proc/self/mountinfo, no container, none of its files, and with --purge no home.
 */
class TeardownIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "rootfleet-agent").toAbsolutePath().normalize();

    private TestHome t;
    private Path etc;
    private Path aptParts;
    private Path dpkgParts;
    private Path sysroot;
    private Path unit;

    @BeforeEach
    void setUp() throws IOException {
        t = new TestHome();
        // outside the home: a teardown deletes the home, and these play the host's /etc
        etc = Files.createDirectories(Path.of("/tmp", "rf-it-" + t.id + "-etc"));
        t.onClose(() -> new SafeDelete(Kernel.get()).deleteTree(etc));
        aptParts = Files.createDirectories(etc.resolve("apt.conf.d"));
        dpkgParts = Files.createDirectories(etc.resolve("dpkg.cfg.d"));
        sysroot = Files.createDirectories(etc.resolve("sysroot"));
        unit = sysroot.resolve("etc/systemd/system/rootfleet-agent.service");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void teardown_destroysContainers_unmountsLayers_removesItsHookAndUnit_thenPurgeDeletesTheHome() throws IOException {
        TestHome.Run apply = t.apply("apiVersion: rootfleet/v1\ncontainers:\n"
                + "  - {name: " + t.name("a") + ", init: [/bin/sleep, infinity], stop: {timeout: 0}}\n"
                + "  - {name: " + t.name("b") + ", init: [/bin/sleep, infinity], stop: {timeout: 0}, state: stopped}\n");
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        assertThat(t.agent(hookArgs("hook", "install", "--agent", LAUNCHER.toString())).exit()).isZero();
        assertThat(t.agent("boot", "install", "--root", sysroot.toString(), "--agent", LAUNCHER.toString()).exit()).isZero();
        Path dir = t.dir.toRealPath();
        assertThat(mountsUnder(dir)).contains(dir.resolve("root"), dir.resolve("mask"));

        TestHome.Run refused = t.agent(teardownArgs());
        assertThat(refused.exit()).as("no terminal, no --yes").isEqualTo(2);
        assertThat(refused.err()).contains("add --yes").contains("Nothing was changed");
        assertThat(t.lxc.list()).hasSize(2);

        TestHome.Run teardown = t.agent(teardownArgs("--yes"));

        assertThat(teardown.exit()).as(teardown.out() + teardown.err()).isZero();
        assertThat(teardown.out()).contains("destroyed " + t.name("a"), "destroyed " + t.name("b"),
                "unmounted the shared root " + dir.resolve("root"), "unmounted the mask layers " + dir.resolve("mask"),
                "removed the hook " + aptParts.resolve("50rootfleet"), "removed the hook " + dpkgParts.resolve("50rootfleet"),
                "removed " + unit, "has nothing mounted under it any more");
        assertThat(mountsUnder(dir)).isEmpty();
        assertThat(lxcMonitors(dir)).as("no container process left").isEmpty();
        assertThat(t.home.containers()).doesNotExist();
        assertThat(t.home.desiredFile()).doesNotExist();
        assertThat(aptParts.resolve("50rootfleet")).doesNotExist();
        assertThat(dpkgParts.resolve("50rootfleet")).doesNotExist();
        assertThat(unit).doesNotExist();
        assertThat(dir).isDirectory();

        TestHome.Run purge = t.agent(teardownArgs("--yes", "--purge"));

        assertThat(purge.exit()).as(purge.out() + purge.err()).isZero();
        assertThat(purge.out()).isEqualTo("deleted " + dir + "\n");
        assertThat(dir).doesNotExist();
        assertThat(t.agent(teardownArgs("--yes", "--purge")).out()).contains("nothing to tear down");
    }

    @Test
    void theHookOfAnotherHome_isLeftAlone() throws IOException {
        Path other = Files.createDirectories(etc.resolve("other-home"));
        TestHome.Run install = agentFor(other, hookArgs("hook", "install", "--agent", LAUNCHER.toString()));
        assertThat(install.exit()).as(install.err()).isZero();

        TestHome.Run teardown = t.agent(teardownArgs("--yes"));

        assertThat(teardown.exit()).as(teardown.out() + teardown.err()).isZero();
        assertThat(teardown.out()).contains("left " + aptParts.resolve("50rootfleet") + ": it is the hook of another agent home");
        assertThat(aptParts.resolve("50rootfleet")).exists();
    }

    private static TestHome.Run agentFor(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = new ArrayList<>(List.of("--home", home.toString()));
        argv.addAll(List.of(args));
        int exit = AgentCli.run(argv.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new TestHome.Run(exit, out.toString(), err.toString());
    }

    private String[] hookArgs(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--apt-conf-dir", aptParts.toString(), "--dpkg-conf-dir", dpkgParts.toString()));
        return all.toArray(String[]::new);
    }

    private String[] teardownArgs(String... flags) {
        List<String> all = new ArrayList<>(List.of(hookArgs("teardown")));
        all.addAll(List.of("--root", sysroot.toString()));
        all.addAll(List.of(flags));
        return all.toArray(String[]::new);
    }

    /** Mount points at or under {@code dir}, read from /proc/self/mountinfo as it is (field 5, no unescaping needed here). */
    private static List<Path> mountsUnder(Path dir) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(line -> Path.of(line.split(" ")[4]))
                .filter(mountPoint -> mountPoint.startsWith(dir))
                .toList();
    }

    /** LXC's monitor processes of containers under {@code dir} ("[lxc monitor] LXCPATH NAME"). */
    private static List<String> lxcMonitors(Path dir) {
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains("[lxc monitor] " + dir + "/"))
                .toList();
    }
}
