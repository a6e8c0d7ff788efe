package io.rootfleet.controller.patch;

import static io.rootfleet.controller.patch.Scans.healthFailed;
import static io.rootfleet.controller.patch.Scans.host;
import static io.rootfleet.controller.patch.Scans.restarted;
import static io.rootfleet.controller.patch.Scans.scan;
import static io.rootfleet.controller.patch.Scans.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.push.FleetRunner;
import io.rootfleet.controller.push.HostRestart;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.report.AgentEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PatchRolloutTest {
    private final Map<String, Deque<HostScan>> scans = new HashMap<>();
    private final Map<String, HostRestart> restarts = new HashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** The scans {@code host} answers, one per call: before, then after. */
    private void scans(String host, HostScan... answers) {
        scans.put(host, new ArrayDeque<>(List.of(answers)));
    }

    private PatchResult run(List<HostSpec> hosts, BatchSize serial, FailureLimit limit, boolean check) {
        PatchRollout.Scanner scanner = host -> {
            log.add("scan " + host.name());
            return scans.get(host.name()).removeFirst();
        };
        PatchRollout.Restarter restarter = (HostSpec host, Consumer<AgentEvent> events) -> {
            log.add("restart " + host.name());
            events.accept(AgentEvent.action("stale-1", "restart", "ok", 10, null));
            HostRestart result = restarts.get(host.name());
            if (result == null) {
                throw new IllegalStateException("boom on " + host.name());
            }
            return result;
        };
        PatchRollout.Listener listener = new PatchRollout.Listener() {
            @Override
            public void scanned(List<HostScan> scans) {
                log.add("scanned " + scans.stream().map(HostScan::host).toList());
            }

            @Override
            public void batchStarted(int batch, int batches, List<String> hosts) {
                log.add("batch " + batch + "/" + batches + " " + hosts);
            }

            @Override
            public void event(String host, AgentEvent event) {
                AgentEvent.Action action = (AgentEvent.Action) event;
                log.add("event " + host + " " + action.container() + " " + action.action());
            }

            @Override
            public void stopped(PatchResult.Stop stop) {
                log.add("stopped; not touched " + stop.notTouched());
            }
        };
        return new PatchRollout(new FleetRunner(4), scanner, restarter, serial, limit, listener).run(hosts, check);
    }

    private static List<PatchVerdict> verdicts(PatchResult result) {
        return result.hosts().stream().map(HostPatch::verdict).toList();
    }

    @Test
    void run_restartsOnlyHostsWithStaleContainers_andScansThemAgain() {
        scans("a", scan("a", 2, 1), scan("a", 0, 3));
        scans("b", scan("b", 0, 2));
        scans("c", scan("c", 1, 0), scan("c", 0, 1));
        restarts.put("a", restarted("a", 2));
        restarts.put("c", restarted("c", 1));

        PatchResult result = run(List.of(host("a"), host("b"), host("c")), BatchSize.ALL, new FailureLimit(0), false);

        assertThat(verdicts(result)).containsExactly(PatchVerdict.PATCHED, PatchVerdict.CLEAN, PatchVerdict.PATCHED);
        assertThat(result.staleBefore()).isEqualTo(3);
        assertThat(result.staleAfter()).isZero();
        assertThat(result.hostsScanned()).isEqualTo(3);
        assertThat(result.restarted()).isEqualTo(3);
        assertThat(result.stop()).isEmpty();
        assertThat(log).doesNotContain("restart b", "event b stale-1 restart").contains("batch 1/1 [a, c]",
                "event a stale-1 restart", "event c stale-1 restart");
        assertThat(log.stream().filter(l -> l.startsWith("scan ")).toList())
                .containsExactlyInAnyOrder("scan a", "scan b", "scan c", "scan a", "scan c");
        // every host is scanned before any is restarted, and the scan after follows every restart
        assertThat(log.indexOf("scanned [a, b, c]")).isLessThan(log.indexOf("batch 1/1 [a, c]"));
        assertThat(log.lastIndexOf("scan a")).isGreaterThan(log.indexOf("restart c"));
        assertThat(result.hosts().get(1).staleAfter()).hasValue(0);
    }

    @Test
    void check_scansAndRestartsNothing() {
        scans("a", scan("a", 2, 0));
        scans("b", scan("b", 0, 1));
        scans("c", unreachable("c"));

        PatchResult result = run(List.of(host("a"), host("b"), host("c")), BatchSize.ALL, new FailureLimit(0), true);

        assertThat(verdicts(result)).containsExactly(PatchVerdict.STALE, PatchVerdict.CLEAN, PatchVerdict.UNREACHABLE);
        assertThat(log).containsExactlyInAnyOrder("scan a", "scan b", "scan c", "scanned [a, b, c]");
        assertThat(result.staleBefore()).isEqualTo(2);
        assertThat(result.hostsScanned()).isEqualTo(2);
        assertThat(result.hosts().get(2).detail()).hasValue("cannot connect to c: connection refused");
    }

    @Test
    void serialOne_aFailedHostStopsTheRollout_laterHostsAreNotTouched() {
        scans("a", scan("a", 2, 0), scan("a", 2, 0));
        scans("b", scan("b", 1, 0));
        scans("c", scan("c", 1, 0));
        restarts.put("a", healthFailed("a", 2));
        restarts.put("b", restarted("b", 1));
        restarts.put("c", restarted("c", 1));

        PatchResult result = run(List.of(host("a"), host("b"), host("c")), new BatchSize(1, false), new FailureLimit(0), false);

        assertThat(verdicts(result)).containsExactly(PatchVerdict.FAILED, PatchVerdict.NOT_PATCHED, PatchVerdict.NOT_PATCHED);
        assertThat(log).contains("batch 1/3 [a]", "stopped; not touched [b, c]").doesNotContain("restart b", "restart c",
                "batch 2/3 [b]");
        assertThat(log.stream().filter(l -> l.equals("scan b"))).as("only before").hasSize(1);
        assertThat(result.stop()).hasValueSatisfying(stop -> {
            assertThat(stop.batch()).isEqualTo(1);
            assertThat(stop.batches()).isEqualTo(3);
            assertThat(stop.failed()).isEqualTo(1);
            assertThat(stop.done()).isEqualTo(1);
        });
        assertThat(result.hosts().get(0).detail())
                .hasValue("1 container(s) failed; the rollout stopped at the failure limit, 1 not restarted");
        assertThat(result.hosts().get(1).detail()).hasValue("not touched: the rollout stopped before this host");
        assertThat(result.staleBefore()).isEqualTo(4);
        assertThat(result.staleAfter()).as("a scanned again, b and c as they were").isEqualTo(4);
    }

    @Test
    void failurePercentage_toleratesFailuresUpToIt() {
        scans("a", scan("a", 1, 0), scan("a", 1, 0));
        scans("b", scan("b", 1, 0), scan("b", 0, 1));
        scans("c", scan("c", 1, 0), scan("c", 1, 0));
        scans("d", scan("d", 1, 0), scan("d", 0, 1));
        restarts.put("a", healthFailed("a", 1));
        restarts.put("b", restarted("b", 1));
        restarts.put("c", healthFailed("c", 1));
        restarts.put("d", restarted("d", 1));

        PatchResult result = run(List.of(host("a"), host("b"), host("c"), host("d")), new BatchSize(2, false),
                new FailureLimit(50), false);

        // after batch 1: 1 of 2 failed (50%, not more); after batch 2 nothing is left to stop
        assertThat(verdicts(result)).containsExactly(PatchVerdict.FAILED, PatchVerdict.PATCHED, PatchVerdict.FAILED,
                PatchVerdict.PATCHED);
        assertThat(result.stop()).isEmpty();

        scans.clear();
        log.clear();
        scans("a", scan("a", 1, 0), scan("a", 1, 0));
        scans("b", scan("b", 1, 0), scan("b", 1, 0));
        scans("c", scan("c", 1, 0));
        restarts.put("b", healthFailed("b", 1));

        PatchResult stopped = run(List.of(host("a"), host("b"), host("c")), new BatchSize(2, false), new FailureLimit(50), false);

        assertThat(verdicts(stopped)).containsExactly(PatchVerdict.FAILED, PatchVerdict.FAILED, PatchVerdict.NOT_PATCHED);
        assertThat(stopped.stop().orElseThrow().notTouched()).containsExactly("c");
    }

    @Test
    void allAtOnce_everyHostRunsEvenWhenOneFails() {
        scans("a", scan("a", 1, 0), scan("a", 1, 0));
        scans("b", scan("b", 1, 0), scan("b", 0, 1));
        restarts.put("a", healthFailed("a", 1));
        restarts.put("b", restarted("b", 1));

        PatchResult result = run(List.of(host("a"), host("b")), BatchSize.ALL, new FailureLimit(0), false);

        assertThat(verdicts(result)).containsExactly(PatchVerdict.FAILED, PatchVerdict.PATCHED);
        assertThat(result.stop()).as("no later batch to spare").isEmpty();
        assertThat(result.failedContainers()).isEqualTo(1);
    }

    @Test
    void staleAfterTheRestart_isStillStale() {
        scans("a", scan("a", 2, 0), scan("a", 1, 1));
        restarts.put("a", restarted("a", 2));

        PatchResult result = run(List.of(host("a")), BatchSize.ALL, new FailureLimit(0), false);

        assertThat(verdicts(result)).containsExactly(PatchVerdict.STILL_STALE);
        assertThat(result.hosts().get(0).detail()).hasValue("still stale after the restart: stale-1");
        assertThat(result.staleAfter()).isEqualTo(1);
    }

    @Test
    void aHostLostBetweenRestartAndScanAfter_isUnreachableWithItsCountUnknown() {
        scans("a", scan("a", 2, 0), unreachable("a"));
        restarts.put("a", restarted("a", 2));

        PatchResult result = run(List.of(host("a")), BatchSize.ALL, new FailureLimit(0), false);

        assertThat(verdicts(result)).containsExactly(PatchVerdict.UNREACHABLE);
        assertThat(result.hosts().get(0).staleAfter()).isEqualTo(OptionalInt.empty());
        assertThat(result.notRescanned()).containsExactly("a");
        assertThat(result.hosts().get(0).detail())
                .hasValue("restarted, but the scan after it failed: cannot connect to a: connection refused");
    }

    @Test
    void aRestartThatThrows_failsThatHostOnly() {
        scans("a", scan("a", 1, 0), scan("a", 1, 0));
        scans("b", scan("b", 1, 0), scan("b", 0, 1));
        restarts.put("b", restarted("b", 1));

        PatchResult result = run(List.of(host("a"), host("b")), BatchSize.ALL, new FailureLimit(0), false);

        assertThat(verdicts(result)).containsExactly(PatchVerdict.FAILED, PatchVerdict.PATCHED);
        assertThat(result.hosts().get(0).detail()).hasValue("internal error: java.lang.IllegalStateException: boom on a");
    }

    @Test
    void unreachableAtTheScan_isNeitherRestartedNorCounted() {
        scans("a", unreachable("a"));
        scans("b", scan("b", 3, 0), scan("b", 0, 3));
        restarts.put("b", restarted("b", 3));

        PatchResult result = run(List.of(host("a"), host("b")), new BatchSize(1, false), new FailureLimit(0), false);

        assertThat(verdicts(result)).containsExactly(PatchVerdict.UNREACHABLE, PatchVerdict.PATCHED);
        assertThat(log).doesNotContain("restart a").contains("batch 1/1 [b]");
        assertThat(result.hostsScanned()).isEqualTo(1);
        assertThat(result.staleBefore()).isEqualTo(3);
        assertThat(result.notRescanned()).isEmpty();
    }
}
