package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.lxc.LxcStatus;
import io.rootfleet.agent.report.HumanRestartReporter;
import io.rootfleet.agent.restart.RollingRestart;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.RestartSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rolling restarts of real containers: new init PIDs, health checks, order, the failure limit, the lock. */
class RollingRestartIT {
    private TestHome t;

    @BeforeEach
    void setUp() {
        t = new TestHome();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private Map<String, OptionalInt> pids() {
        Map<String, OptionalInt> pids = new TreeMap<>();
        t.lxc.list().forEach((name, state) -> pids.put(name.value(), state.running() ? state.initPid() : OptionalInt.empty()));
        return pids;
    }

    private LxcStatus state(String name) {
        return t.lxc.list().getOrDefault(new ContainerName(name), LxcStatus.STOPPED);
    }

    @Test
    void restart_named_newInitPidsAfterHealthChecks_inOrder_othersUntouched() {
        String zulu = t.name("zulu");
        String alpha = t.name("alpha");
        String other = t.name("other");
        String yaml = """
                apiVersion: rootfleet/v1
                containers:
                  - name: %1$s
                    init: [/bin/sh, -c, "rm -f /tmp/ready; sleep 0.3; touch /tmp/ready; exec /bin/sleep infinity"]
                    stop: {timeout: 0}
                    health: {command: [/usr/bin/test, -e, /tmp/ready], timeout: 2s, retries: 20, interval: 1s}
                  - name: %2$s
                    init: [/usr/bin/python3, -m, http.server, "8080", --bind, 127.0.0.1]
                    stop: {timeout: 0}
                    health: {tcp: 8080, timeout: 2s, retries: 20, interval: 1s}
                    order: 10
                  - name: %3$s
                    init: [/bin/sleep, infinity]
                    stop: {timeout: 0}
                """;
        TestHome.Run applied = t.apply(yaml.formatted(zulu, alpha, other));
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        Map<String, OptionalInt> before = pids();

        TestHome.Run run = t.agent("restart", "--json", "--batch", "1", zulu, alpha);

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        // order 0 before order 10, whatever the names
        assertThat(lines).filteredOn(l -> l.contains("\"event\":\"rollout\""))
                .containsExactly("{\"event\":\"rollout\",\"batches\":[[\"" + zulu + "\"],[\"" + alpha + "\"]]}");
        assertThat(lines).filteredOn(l -> l.contains("\"event\":\"action\"")).hasSize(2)
                .allMatch(l -> l.contains("\"action\":\"restart\"") && l.contains("\"status\":\"ok\""));
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"event\":\"result\",\"restart\":{\"restarted\":[\""
                + zulu + "\",\"" + alpha + "\"],\"failed\":[],\"notRestarted\":[],\"stoppedEarly\":false");
        Map<String, OptionalInt> after = pids();
        assertThat(after.get(zulu)).isPresent().isNotEqualTo(before.get(zulu));
        assertThat(after.get(alpha)).isPresent().isNotEqualTo(before.get(alpha));
        assertThat(after.get(other)).isPresent().isEqualTo(before.get(other));

        // in plain text: the batch, the container, the total
        TestHome.Run human = t.agent("restart", other);
        assertThat(human.exit()).as(human.out() + human.err()).isZero();
        assertThat(human.out()).contains("batch 1/1 (order 0): " + other + "\n")
                .containsPattern(" " + other + " +restart  ok \\(\\d+ ms\\)\n")
                .containsPattern("restarted 1, failed 0, not restarted 0 in \\d+ ms\n");
        assertThat(pids().get(other)).isPresent().isNotEqualTo(before.get(other));

        // changing only the health check and order restarts nothing on apply; the next restart uses them
        Map<String, OptionalInt> beforeApply = pids();
        TestHome.Run reapplied = t.apply(yaml.formatted(zulu, alpha, other)
                .replace("order: 10", "order: 20").replace("retries: 20, interval: 1s}\n  - name: " + alpha,
                        "retries: 5, interval: 1s}\n  - name: " + alpha));
        assertThat(reapplied.exit()).as(reapplied.out() + reapplied.err()).isZero();
        assertThat(reapplied.out()).containsPattern(alpha + " +record +ok").containsPattern(zulu + " +record +ok")
                .doesNotContain("stop").doesNotContain("update");
        assertThat(pids()).isEqualTo(beforeApply);
        assertThat(t.agent("status").out()).doesNotContain("no:");
    }

    @Test
    void failingHealthCheck_inTheFirstBatch_stopsTheRollout_laterBatchesKeepRunning() {
        String bad = t.name("bad");
        String later1 = t.name("later1");
        String later2 = t.name("later2");
        TestHome.Run applied = t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - name: %s
                    init: [/bin/sleep, infinity]
                    stop: {timeout: 0}
                    health: {command: [/usr/bin/test, -e, /never], timeout: 1s, retries: 1, interval: 0}
                  - {name: %s, init: [/bin/sleep, infinity], stop: {timeout: 0}, order: 10}
                  - {name: %s, init: [/bin/sleep, infinity], stop: {timeout: 0}, order: 10}
                """.formatted(bad, later1, later2));
        // apply confirms health too (issue 10): it says so, and leaves the unhealthy container running
        assertThat(applied.exit()).as(applied.out() + applied.err()).isEqualTo(1);
        assertThat(applied.out()).contains(bad + ": started but not healthy: health check `/usr/bin/test -e /never` failed 2 times");
        Map<String, OptionalInt> before = pids();

        TestHome.Run run = t.agent("restart", "--json", "--batch", "1", "--max-fail", "1", later2, bad, later1);

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("{\"event\":\"rollout\",\"batches\":[[\"" + bad + "\"],[\"" + later1 + "\"],[\""
                + later2 + "\"]]}");
        assertThat(run.out()).contains("\"container\":\"" + bad + "\",\"action\":\"restart\",\"status\":\"failed\"")
                .contains("health check `/usr/bin/test -e /never` failed 2 times; last: exit 1: (no output); left running")
                .contains("\"container\":\"" + later1 + "\",\"action\":\"restart\",\"status\":\"skipped\"");
        String result = run.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(result).startsWith("{\"event\":\"result\",\"restart\":{\"restarted\":[],\"failed\":[\"" + bad
                + "\"],\"notRestarted\":[\"" + later1 + "\",\"" + later2 + "\"],\"stoppedEarly\":true");
        Map<String, OptionalInt> after = pids();
        assertThat(after.get(later1)).isPresent().isEqualTo(before.get(later1));
        assertThat(after.get(later2)).isPresent().isEqualTo(before.get(later2));
        assertThat(state(bad).running()).isTrue(); // left as it ended up: restarted, but unhealthy

        TestHome.Run human = t.agent("restart", "--batch", "1", bad, later1, later2);
        assertThat(human.exit()).isEqualTo(1);
        assertThat(human.out()).contains("restarted 0, failed 1, not restarted 2 (stopped after 1 failure, the limit)")
                .containsPattern(later1 + " +restart  skipped: not restarted: the rollout stopped after 1 failure \\(--max-fail 1\\)");
        assertThat(pids().get(later1)).isEqualTo(before.get(later1));
    }

    @Test
    void unknownOrStoppedContainers_exit2_andNothingIsRestarted() {
        String up = t.name("up");
        String down = t.name("down");
        TestHome.Run applied = t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, init: [/bin/sleep, infinity], stop: {timeout: 0}}
                  - {name: %s, state: stopped, init: [/bin/sleep, infinity], stop: {timeout: 0}}
                """.formatted(up, down));
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        Map<String, OptionalInt> before = pids();

        TestHome.Run run = t.agent("restart", up, down, t.name("nope"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(down + ": is stopped; use apply to start it")
                .contains(t.name("nope") + ": no such container in " + t.home.containers())
                .contains("2 problem(s); nothing was changed.");
        assertThat(pids()).isEqualTo(before);
    }

    @Test
    void noContainers_nothingToRestart_withoutTheLock() throws Exception {
        StringWriter out = new StringWriter();
        RestartSummary summary;
        try (HostLock held = HostLock.acquire(t.home.lockFile(), Duration.ofSeconds(1))) {
            summary = new RollingRestart(t.engine(), new HumanRestartReporter(new PrintWriter(out)))
                    .restart(List.of(), new RollingRestart.Options(BatchSize.parse("25%"), 1, 4, Duration.ZERO));
        }
        assertThat(out.toString()).isEqualTo("nothing to restart\n");
        assertThat(summary.restarted()).isEmpty();
        assertThat(summary.stoppedEarly()).isFalse();
    }

    @Test
    void anotherAgentHoldsTheLock_exit5() throws Exception {
        Files.createDirectories(t.dir);
        try (HostLock held = HostLock.acquire(t.home.lockFile(), Duration.ofSeconds(1))) {
            Process p = new ProcessBuilder(AgentLauncher.argv(t.dir, "restart", "--lock-timeout", "0",
                    t.name("any"))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isEqualTo(5);
            assertThat(out).contains("another rootfleet-agent holds");
        }
    }
}
