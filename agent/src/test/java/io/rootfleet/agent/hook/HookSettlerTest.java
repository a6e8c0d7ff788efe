package io.rootfleet.agent.hook;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerFailure;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settle step with a scan and a restart given as values; the lock files are real, in a scratch home. */
class HookSettlerTest {
    @TempDir
    Path tmp;

    private static StaleReport.Container container(String name, boolean stale, String... files) {
        List<StaleReport.StaleFile> staleFiles = List.of(files).stream()
                .map(f -> new StaleReport.StaleFile(f, 1, 2L, "replaced on the host", List.of(10), List.of("x"))).toList();
        return new StaleReport.Container(name, "RUNNING", 10, null, stale, staleFiles, List.of(), List.of());
    }

    private String settle(StaleReport report, HookSettler.Outcome outcome, AtomicInteger restarts) throws Exception {
        AgentHome home = new AgentHome(Files.createDirectories(tmp.resolve("home")));
        SettleOptions options = new SettleOptions(List.of(tmp.resolve("no-such-lock")), Duration.ZERO, Duration.ofSeconds(5));
        HookLog log = new HookLog(home.hookLog(), "settle");
        new HookSettler(home, options, () -> report, () -> {
            restarts.incrementAndGet();
            return outcome;
        }, log).settle();
        return Files.readString(home.hookLog());
    }

    @Test
    void nothingStale_oneLine_noRestart() throws Exception {
        AtomicInteger restarts = new AtomicInteger();
        String log = settle(new StaleReport("rootfleet/v1", 3, List.of(container("a", false))), null, restarts);
        assertThat(restarts).hasValue(0);
        assertThat(log.lines()).hasSize(1);
        assertThat(log).containsPattern("settle\\[\\d+\\]: nothing is stale \\(1 container\\(s\\) scanned in \\d+ ms, after"
                + " waiting \\d+\\.\\d s for apt and dpkg\\)");
    }

    @Test
    void stale_restartsOnce_andLogsWhatAndTheOutcome() throws Exception {
        AtomicInteger restarts = new AtomicInteger();
        StaleReport report = new StaleReport("rootfleet/v1", 3, List.of(container("a", true, "/usr/lib/x.so", "/a", "/b", "/c"),
                container("b", true, "/usr/bin/y"), container("c", false)));
        RestartSummary summary = new RestartSummary(List.of("a"), List.of("b"), List.of(), false,
                List.of(new ContainerFailure("b", "health check", "health check failed 3 times")), 1234);
        String log = settle(report, new HookSettler.Outcome(1, summary, null), restarts);
        assertThat(restarts).hasValue(1);
        assertThat(log).contains("stale: a (/usr/lib/x.so, /a, /b and 1 more); b (/usr/bin/y) (3 container(s) scanned")
                .contains("restart finished with failures: restarted a; failed b in 1234 ms (exit 1)")
                .contains("failed: b: health check failed 3 times");
    }

    @Test
    void packageLockHeldPastTheDeadline_givesUpWithoutScanning() throws Exception {
        AgentHome home = new AgentHome(Files.createDirectories(tmp.resolve("home")));
        Path lock = Files.createFile(tmp.resolve("lock-frontend"));
        AtomicInteger scans = new AtomicInteger();
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            new HookSettler(home, new SettleOptions(List.of(lock), Duration.ZERO, Duration.ofMillis(300)), () -> {
                scans.incrementAndGet();
                return new StaleReport("rootfleet/v1", 0, List.of());
            }, () -> null, new HookLog(home.hookLog(), "settle")).settle();
        }
        assertThat(scans).hasValue(0);
        assertThat(Files.readString(home.hookLog()))
                .contains("waiting for " + lock + " (pid " + ProcessHandle.current().pid() + ") to be released")
                .contains(lock + " (pid " + ProcessHandle.current().pid() + ") was still held after 0.3 s; giving up");
    }

    @Test
    void verdict_whenTheRestartDidNotRun() {
        assertThat(HookSettler.verdict(new HookSettler.Outcome(5, null, "another rootfleet-agent holds it"), List.of("a", "b")))
                .isEqualTo("restart not done: another agent run held the agent lock; still stale: a, b. Run"
                        + " 'rootfleet-agent restart --stale'");
        assertThat(HookSettler.verdict(new HookSettler.Outcome(-1, null, "cannot run /x: No such file"), List.of("a")))
                .startsWith("restart not done: cannot run /x: No such file; still stale: a.");
        assertThat(HookSettler.verdict(new HookSettler.Outcome(0,
                new RestartSummary(List.of("a", "b"), List.of(), List.of(), false, List.of(), 80), null), List.of("a", "b")))
                .isEqualTo("restart done: restarted a, b; failed none in 80 ms (exit 0)");
    }

    @Test
    void describe_restartEvents() {
        assertThat(StaleRestartProcess.describe(AgentEvent.action("web-1", "restart", "ok", 812, null)))
                .isEqualTo("web-1 restart ok (812 ms)");
        assertThat(StaleRestartProcess.describe(AgentEvent.rollout(List.of(List.of("a", "b"), List.of("c")))))
                .isEqualTo("batches a, b | c");
        assertThat(StaleRestartProcess.describe(AgentEvent.error("no LXC", 4))).isEqualTo("error: no LXC (exit 4)");
    }
}
