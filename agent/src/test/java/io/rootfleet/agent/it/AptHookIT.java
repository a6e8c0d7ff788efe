package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rootfleet.agent.hook.HookScript;
import io.rootfleet.agent.hook.HookSettler;
import io.rootfleet.agent.hook.RestartFlags;
import io.rootfleet.agent.it.TestPackages.Result;
import io.rootfleet.agent.stale.StaleScanner;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.model.ContainerName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The apt/dpkg hook end to end: a tiny .deb built here ships the init binary of two of three containers; apt
 * and dpkg upgrade it with the hook installed (into scratch configuration directories, never the host's), and
 * the two containers get restarted once, the third not at all. The package is purged afterwards, also when a
 * test fails, and packages left by killed runs are purged before. Its tests run in parallel, each with its own
 * home, package name and scratch directories; only those that install a package hold the dpkg database.
 */
@Order(3) // among the longest: started first (see the failsafe configuration)
@Execution(ExecutionMode.CONCURRENT)
class AptHookIT {
    private static final Duration SETTLED = Duration.ofSeconds(120);
    private static final Pattern RESTART_DONE = Pattern.compile("settle\\[\\d+\\]: restart done: restarted ([^;]*);");

    /** The host's package logs: the tests log elsewhere, or "stale" would list rf-it-* packages to the user. */
    private static final List<Path> HOST_LOGS = List.of(Path.of("/var/log/dpkg.log"), Path.of("/var/log/apt/history.log"),
            Path.of("/var/log/apt/term.log"));

    private TestHome t;
    private Path dpkgLog;
    private TestPackages packages;
    private Map<Path, Long> hostLogSizes;
    private Path work;
    private String pkg;
    private Path binDir;
    private Path sleeper;
    private Path agent;
    private Path aptParts;
    private Path dpkgParts;

    @BeforeEach
    void setUp() throws IOException {
        t = new TestHome();
        hostLogSizes = sizes(HOST_LOGS);
        dpkgLog = t.dir.resolve("dpkg.log");
        packages = new TestPackages(dpkgLog);
        pkg = "rf-it-" + t.id;
        packages.purgeLeftovers();
        binDir = Path.of("/usr/local/lib", pkg);
        sleeper = binDir.resolve("sleeper");
        work = Files.createDirectories(t.dir.resolve("hook-it"));
        aptParts = Files.createDirectories(work.resolve("apt.conf.d"));
        dpkgParts = Files.createDirectories(work.resolve("dpkg.cfg.d"));
        Path aptLogs = Files.createDirectories(work.resolve("apt-log"));
        // apt's own logs, and the --log of every dpkg it runs, go to this test's files, never the host's. apt knows
        // no repository here (no sources, an empty lists directory, its own cache): it installs a local .deb, and
        // would otherwise rebuild its cache from the host's package lists after each dpkg run (2 s of CPU each).
        Path lists = Files.createDirectories(work.resolve("apt-lists/partial"));
        Path cache = Files.createDirectories(work.resolve("apt-cache"));
        Files.writeString(work.resolve("apt.conf"), "Dir::Etc::Parts \"" + aptParts + "\";\nDPkg::Lock::Timeout \"120\";\n"
                + "Dir::Log \"" + aptLogs + "\";\nDPkg::Options { \"--log=" + dpkgLog + "\"; };\n"
                + "Dir::Etc::SourceList \"/dev/null\";\nDir::Etc::SourceParts \"" + work.resolve("no-sources") + "\";\n"
                + "Dir::State::Lists \"" + lists.getParent() + "\";\nDir::Cache \"" + cache + "\";\n");
        // the checkout's launcher (its JVM flags and class-data archive) on this build's jar, never building: under
        // apt and dpkg the environment the tests set may not reach it
        agent = script("rootfleet-agent", "ROOTFLEET_NO_BUILD=1 exec " + AgentLauncher.path() + " \"$@\"");
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            packages.remove(pkg, binDir);
            // every dpkg run of this test logs a line naming its package; lines of other apt or dpkg runs on this
            // machine meanwhile (other test suites) are not this test's
            for (Path log : HOST_LOGS) {
                assertThat(appendedSince(log, hostLogSizes.getOrDefault(log, 0L))).as("lines added to " + log)
                        .noneMatch(line -> line.contains(pkg));
            }
        } finally {
            t.close();
        }
    }

    @Test
    @ResourceLock(GlobalResources.DPKG)
    void aptUpgrade_restartsEachStaleContainerOnce_thenDpkgAloneDoesItAgain() throws Exception {
        packages.dpkg("-i", deb(1).toString());
        startContainers();
        Map<String, Integer> before = pids();
        assertThat(t.agent("hook", "install", "--agent", agent.toString(), "--apt-conf-dir", aptParts.toString(),
                "--dpkg-conf-dir", dpkgParts.toString()).exit()).isZero();
        // dpkg reads ~/.dpkg.cfg too: with HOME here, the dpkg runs apt makes fire dpkg's hook as well as apt's
        Files.copy(dpkgParts.resolve("50rootfleet"), work.resolve(".dpkg.cfg"));

        Result apt = exec(List.of("apt-get", "install", "-y", deb(2).toString()), aptEnv(), Duration.ofMinutes(3));
        assertThat(apt.exit()).as(apt.output()).isZero();
        awaitSettled();

        Map<String, Integer> after = pids();
        assertThat(after.get("a")).isNotEqualTo(before.get("a"));
        assertThat(after.get("b")).isNotEqualTo(before.get("b"));
        assertThat(after.get("c")).isEqualTo(before.get("c"));
        assertThat(staleCount()).isZero();
        String log = log();
        assertThat(count(log, "run\\[\\d+\\]: ")).as(log).isGreaterThanOrEqualTo(2); // apt's and dpkg's hooks
        assertThat(count(log, Pattern.quote(HookSettler.COVERED))).as(log).isGreaterThanOrEqualTo(1);
        assertThat(count(log, "settle\\[\\d+\\]: stale: ")).as(log).isEqualTo(1);
        assertThat(log).contains("stale: " + t.name("a") + " (" + sleeper + ")");
        assertThat(restarted(log)).as(log).containsExactlyInAnyOrder(t.name("a"), t.name("b"));

        // a plain dpkg -i, no apt: dpkg's own post-invoke
        Result dpkg = packages.dpkg(Map.of("HOME", work.toString()), "-i", deb(3).toString());
        assertThat(dpkg.exit()).as(dpkg.output()).isZero();
        awaitSettled();
        Map<String, Integer> third = pids();
        assertThat(third.get("a")).isNotEqualTo(after.get("a"));
        assertThat(third.get("b")).isNotEqualTo(after.get("b"));
        assertThat(third.get("c")).isEqualTo(before.get("c"));
        assertThat(restarted(log())).as(log()).containsExactlyInAnyOrder(t.name("a"), t.name("b"), t.name("a"), t.name("b"));
        assertThat(staleCount()).isZero();
        assertThat(Files.readString(dpkgLog)).as("what apt's and dpkg's runs logged")
                .contains(" install " + pkg + ":all <none> 1", " upgrade " + pkg + ":all 1 2", " upgrade " + pkg + ":all 2 3");
    }

    @Test
    void hookRunTwice_whileThePackageManagerIsBusy_onlyOneWaitsAndRestarts() throws Exception {
        Files.createDirectories(binDir);
        Files.copy(Path.of("/usr/bin/sleep"), sleeper, StandardCopyOption.COPY_ATTRIBUTES);
        startContainers();
        Map<String, Integer> before = pids();
        replaceLikeDpkg(sleeper);
        Path fakeLock = Files.createFile(work.resolve("lock-frontend"));
        Process holder = new ProcessBuilder("flock", "--no-fork", fakeLock.toString(), "sleep", "600").start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(Path.of("/proc/locks"))
                    .contains(" " + holder.pid() + " "));
            List<String> run = List.of(agent.toString(), "--home", t.dir.toString(), "hook", "run", "--agent", agent.toString(),
                    "--package-lock", fakeLock.toString(), "--quiet-millis", "200");
            for (int i = 0; i < 2; i++) {
                Result result = exec(run, Map.of(), Duration.ofSeconds(60));
                assertThat(result.exit()).as(result.output()).isZero();
                // a JVM start and a process spawn: it never waits for the package manager, whose lock is held for
                // 600 s (no wall-clock bound: under a loaded CI the JVM start alone varies too much)
                assertThat(holder.isAlive()).as("hook run returned while the package manager still held its lock").isTrue();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> log().contains(HookSettler.COVERED)
                    && log().contains("waiting for " + fakeLock + " (pid " + holder.pid() + ") to be released"));
            assertThat(pids()).as("nothing restarts while the package manager works").isEqualTo(before);
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        awaitSettled();
        Map<String, Integer> after = pids();
        assertThat(after.get("a")).isNotEqualTo(before.get("a"));
        assertThat(after.get("b")).isNotEqualTo(before.get("b"));
        assertThat(after.get("c")).isEqualTo(before.get("c"));
        String log = log();
        assertThat(count(log, "settle\\[\\d+\\]: waiting for ")).as(log).isEqualTo(1);
        assertThat(restarted(log)).as(log).containsExactlyInAnyOrder(t.name("a"), t.name("b"));
    }

    @Test
    @ResourceLock(GlobalResources.DPKG)
    void failingAgent_aptStillExitsZero_andTheFailureIsLogged() throws Exception {
        Path failing = script("failing-agent", "echo 'rootfleet-agent: failing on purpose' >&2\nexit 1");
        Files.createDirectories(t.home.containers()); // an agent home in use: the hook runs the agent
        assertThat(t.agent("hook", "install", "--agent", failing.toString(), "--apt-conf-dir", aptParts.toString(),
                "--no-dpkg").exit()).isZero();

        Result apt = exec(List.of("apt-get", "install", "-y", deb(1).toString()), aptEnv(), Duration.ofMinutes(3));
        assertThat(apt.exit()).as(apt.output()).isZero();
        assertThat(TestPackages.isInstalled(pkg)).isTrue();
        assertThat(log()).contains("rootfleet-agent: failing on purpose")
                .containsPattern("\\d{4}-\\d\\d-\\d\\dT\\S+ rootfleet-agent hook run failed with exit 1");

        // the agent gone altogether: the hook does nothing, quietly
        Files.delete(failing);
        String before = log();
        Result again = exec(List.of("apt-get", "install", "-y", "--reinstall", deb(1).toString()), aptEnv(), Duration.ofMinutes(3));
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(log()).isEqualTo(before);
    }

    @Test
    void insideAContainer_theHookDoesNothing() throws Exception {
        // a container sees the host's /etc, hook files included, and the agent home as an empty directory
        Files.createDirectories(binDir);
        Path visibleAgent = Files.copy(agent, binDir.resolve("rootfleet-agent"), StandardCopyOption.COPY_ATTRIBUTES);
        String line = HookScript.of(visibleAgent.toString(), t.dir,
                RestartFlags.DEFAULT).shellLine();
        TestHome.Run apply = t.apply("apiVersion: rootfleet/v1\ncontainers:\n  - {name: " + t.name("c")
                + ", init: [/bin/sleep, infinity], stop: {timeout: 0}, unhide: [/tmp], hide: [" + t.dir + "]}\n");
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        assertThat(t.exec(t.name("c"), "/bin/ls", "-A", t.dir.toString()).stdout()).as("the home, masked").isEmpty();

        ProcessResult inside = t.exec(t.name("c"), "/bin/sh", "-c", line);
        assertThat(inside.exitCode()).isZero();
        assertThat(t.exec(t.name("c"), "/bin/ls", "-A", t.dir.toString()).stdout()).as("no log, no lock").isEmpty();

        Result onTheHost = exec(List.of("/bin/sh", "-c", line), Map.of(), Duration.ofSeconds(60));
        assertThat(onTheHost.exit()).isZero();
        assertThat(log()).contains("run[").contains("packages changed");
        awaitSettled();
        assertThat(log()).contains("nothing is stale");
    }

    // --- the containers

    private void startContainers() {
        String yaml = "apiVersion: rootfleet/v1\ncontainers:\n"
                + "  - {name: " + t.name("a") + ", init: [" + sleeper + ", infinity], stop: {timeout: 0}}\n"
                + "  - {name: " + t.name("b") + ", init: [" + sleeper + ", infinity], stop: {timeout: 0}}\n"
                + "  - {name: " + t.name("c") + ", init: [/bin/sleep, infinity], stop: {timeout: 0}}\n";
        TestHome.Run apply = t.apply(yaml);
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
    }

    /** Init PIDs by short name (a, b, c). */
    private Map<String, Integer> pids() {
        Map<String, Integer> pids = new HashMap<>();
        for (String name : List.of("a", "b", "c")) {
            pids.put(name, t.lxc.list().get(new ContainerName(t.name(name))).initPid().orElse(-1));
        }
        return pids;
    }

    private long staleCount() {
        return new StaleScanner(t.engine()).scan(List.of()).staleCount();
    }

    /** Replaces a file the way dpkg does: the new content in a new file, renamed over the old one. */
    private static void replaceLikeDpkg(Path file) throws IOException {
        Path fresh = file.resolveSibling(file.getFileName() + ".dpkg-new");
        Files.copy(file, fresh, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    // --- the hook's log and background step

    private String log() throws IOException {
        return Files.exists(t.home.hookLog()) ? Files.readString(t.home.hookLog()) : "";
    }

    /** Waits until no 'hook settle' of this home runs any more; each was started before the command that fired it ended. */
    private void awaitSettled() {
        await().atMost(SETTLED).pollInterval(Duration.ofMillis(200)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().map(c -> c.contains(" hook settle ") && c.contains(t.dir.toString()))
                        .orElse(false)));
    }

    private static List<String> restarted(String log) {
        List<String> names = new ArrayList<>();
        Matcher m = RESTART_DONE.matcher(log);
        while (m.find()) {
            names.addAll(List.of(m.group(1).split(", ")));
        }
        return names;
    }

    private static long count(String log, String regex) {
        return Pattern.compile(regex).matcher(log).results().count();
    }

    // --- packages

    /** Builds version {@code version} of the test package: a copy of sleep at /usr/local/lib/rf-it-ID/sleeper. */
    private Path deb(int version) throws IOException {
        Path root = work.resolve("pkg-" + version);
        Files.createDirectories(root.resolve("DEBIAN"));
        Path dir = Files.createDirectories(root.resolve(binDir.toString().substring(1)));
        Files.copy(Path.of("/usr/bin/sleep"), dir.resolve("sleeper"), StandardCopyOption.COPY_ATTRIBUTES,
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(root.resolve("DEBIAN/control"), "Package: " + pkg + "\nVersion: " + version + "\nArchitecture: all\n"
                + "Maintainer: rootfleet tests <tests@rootfleet.invalid>\nDescription: rootfleet test package, safe to purge\n");
        return TestPackages.build(root, work.resolve(pkg + "_" + version + ".deb"));
    }

    private Map<String, String> aptEnv() {
        return Map.of("APT_CONFIG", work.resolve("apt.conf").toString(), "HOME", work.toString(),
                "DEBIAN_FRONTEND", "noninteractive");
    }

    private static Map<Path, Long> sizes(List<Path> files) throws IOException {
        Map<Path, Long> sizes = new HashMap<>();
        for (Path file : files) {
            if (Files.exists(file)) {
                sizes.put(file, Files.size(file));
            }
        }
        return sizes;
    }

    /** The lines written to {@code log} after it had {@code size} bytes (all of it when it was rotated meanwhile). */
    private static List<String> appendedSince(Path log, long size) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        byte[] all = Files.readAllBytes(log);
        int from = all.length >= size ? (int) size : 0;
        return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
    }

    // --- processes

    private Path script(String name, String body) throws IOException {
        Path file = Files.writeString(Files.createDirectories(work.resolve("bin")).resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Result exec(List<String> argv, Map<String, String> env, Duration timeout) {
        return TestPackages.run(argv, env, timeout);
    }
}
