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
import io.rootfleet.model.concurrent.StopRequest;
import io.rootfleet.model.report.AgentEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PatchRolloutTest {
    private final Map<String, Deque<HostScan>> scans = new HashMap<>();
    private final Map<String, HostRestart> restarts = new HashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** With a canary: what the health check of each host says, per check (the last answer repeats). */
    private final Map<String, Deque<Optional<String>>> health = new HashMap<>();
    private Canary canary;
    private final StopRequest stop = StopRequest.create();
    /** The stop is requested when this host's restart runs (as if Ctrl-C came then). */
    private String stopDuring;

    /** The scans {@code host} answers, one per call: before, then after. */
    private void scans(String host, HostScan... answers) {
        scans.put(host, new ArrayDeque<>(List.of(answers)));
    }

    private PatchResult run(List<HostSpec> hosts, BatchSize serial, FailureLimit limit, boolean check) {
        PatchRollout.Scanner scanner = host -> {
            log.add("scan " + host.name());
            return scans.get(host.name()).removeFirst();
        };
        PatchRollout.Restarter restarter = (HostSpec host, Consumer<AgentEvent> events, StopRequest asked) -> {
            log.add("restart " + host.name());
            if (host.name().equals(stopDuring)) {
                asked.request("SIGINT");
            }
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

            @Override
            public void canaryStarted(List<String> hosts, Duration soak) {
                log.add("canary " + hosts);
            }

            @Override
            public void canaryFinished(PatchResult.CanaryPhase phase) {
                log.add("canary " + (phase.passed() ? "passed" : "failed") + " after " + phase.checks() + " check(s)");
            }
        };
        PatchRollout rollout = new PatchRollout(new FleetRunner(4), scanner, restarter, serial, limit, listener).stoppedBy(stop);
        if (canary != null) {
            rollout.withCanary(canary, (host, restarted) -> {
                log.add("check " + host.name() + " " + restarted);
                Deque<Optional<String>> answers = health.getOrDefault(host.name(), new ArrayDeque<>(List.of(Optional.empty())));
                return answers.size() > 1 ? answers.removeFirst() : answers.getFirst();
            }, (time, stopRequest) -> {
                log.add("pause " + time.toSeconds() + "s");
                return stopRequest.isRequested();
            });
        }
        return rollout.run(hosts, check);
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
    void run_aRestartThatScannedAtItsEnd_isNotScannedAgain() {
        HostScan after = scan("a", 0, 2);
        scans("a", scan("a", 2, 0));
        scans("c", scan("c", 1, 0), scan("c", 0, 1));
        HostRestart restart = restarted("a", 2);
        restarts.put("a", new HostRestart("a", restart.status(), restart.summary(), restart.error(), restart.millis(),
                after.report()));
        restarts.put("c", restarted("c", 1)); // an older agent: scanned at the end

        PatchResult result = run(List.of(host("a"), host("c")), BatchSize.ALL, new FailureLimit(0), false);

        assertThat(verdicts(result)).containsExactly(PatchVerdict.PATCHED, PatchVerdict.PATCHED);
        assertThat(log.stream().filter(l -> l.startsWith("scan ")).toList()).containsExactlyInAnyOrder("scan a", "scan c",
                "scan c");
        assertThat(result.hosts().get(0).after()).hasValueSatisfying(scan -> assertThat(scan.report()).isEqualTo(after.report()));
        assertThat(result.staleBefore()).isEqualTo(3);
        assertThat(result.staleAfter()).isZero();
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

    private void fourStaleHosts() {
        for (String h : List.of("a", "b", "c", "d")) {
            scans(h, scan(h, 1, 0), scan(h, 0, 1));
            restarts.put(h, restarted(h, 1));
        }
    }

    private static List<HostSpec> abcd() {
        return List.of(host("a"), host("b"), host("c"), host("d"));
    }

    @Test
    void canary_goesFirst_soaks_thenTheOthersFollow() {
        fourStaleHosts();
        canary = Canary.parse("c", "60s", Set.of("a", "b", "c", "d"));

        PatchResult result = run(abcd(), new BatchSize(2, false), new FailureLimit(0), false);

        assertThat(verdicts(result)).containsOnly(PatchVerdict.PATCHED);
        // 60 s in pauses of at most 10 s (a sixth): 6 pauses, a check before the first and after each
        assertThat(log.stream().filter(l -> l.startsWith("pause "))).hasSize(6)
                .allMatch(l -> l.matches("pause (9|10|[1-5][0-9])s"));
        assertThat(log.stream().filter(l -> l.startsWith("check "))).hasSize(7).allMatch(l -> l.equals("check c [stale-1]"));
        assertThat(log).containsSubsequence("canary [c]", "restart c", "check c [stale-1]", "canary passed after 7 check(s)",
                "batch 1/2 [a, b]", "batch 2/2 [d]");
        assertThat(result.canary()).hasValueSatisfying(c -> {
            assertThat(c.hosts()).containsExactly("c");
            assertThat(c.checks()).isEqualTo(7);
            assertThat(c.passed()).isTrue();
        });
        assertThat(result.stop()).isEmpty();
    }

    @Test
    void canaryFailingItsHealthWhileSoaking_stopsTheCampaign_noOtherHostIsTouched() {
        fourStaleHosts();
        canary = Canary.parse("2", "30s", Set.of("a", "b", "c", "d"));
        health.put("b", new ArrayDeque<>(List.of(Optional.empty(), Optional.of("stale-1 is STOPPED"))));

        PatchResult result = run(abcd(), BatchSize.ALL, new FailureLimit(100), false);

        assertThat(log).contains("canary [a, b]", "canary failed after 2 check(s)", "stopped; not touched [c, d]")
                .doesNotContain("restart c", "restart d").noneMatch(l -> l.startsWith("batch "));
        PatchResult.Stop stop = result.stop().orElseThrow();
        assertThat(stop.reason()).isEqualTo(PatchResult.Reason.CANARY_FAILED);
        assertThat(stop.detail()).hasValue("a canary failed its health check 2 of 7 while soaking: b: stale-1 is STOPPED");
        assertThat(result.canaryFailed()).isTrue();
        assertThat(verdicts(result)).containsExactly(PatchVerdict.PATCHED, PatchVerdict.PATCHED, PatchVerdict.NOT_PATCHED,
                PatchVerdict.NOT_PATCHED);
    }

    @Test
    void canaryFailingItsRestart_stopsTheCampaign_withoutSoaking() {
        fourStaleHosts();
        restarts.put("a", healthFailed("a", 1));
        canary = Canary.parse("1", null, Set.of("a", "b", "c", "d"));

        PatchResult result = run(abcd(), BatchSize.ALL, new FailureLimit(100), false);

        assertThat(log).noneMatch(l -> l.startsWith("check ") || l.startsWith("pause ")).doesNotContain("restart b");
        assertThat(result.stop().orElseThrow().detail()).hasValue("the canary restart failed on a: 1 container(s) failed;"
                + " the rollout stopped at the failure limit, 0 not restarted");
        assertThat(result.stop().orElseThrow().notTouched()).containsExactly("b", "c", "d");
        assertThat(verdicts(result)).containsExactly(PatchVerdict.FAILED, PatchVerdict.NOT_PATCHED, PatchVerdict.NOT_PATCHED,
                PatchVerdict.NOT_PATCHED);
    }

    @Test
    void canaryWithoutStaleContainers_isSkipped() {
        scans("a", scan("a", 0, 1));
        scans("b", scan("b", 1, 0), scan("b", 0, 1));
        restarts.put("b", restarted("b", 1));
        canary = Canary.parse("a", "10m", Set.of("a", "b"));

        PatchResult result = run(List.of(host("a"), host("b")), BatchSize.ALL, new FailureLimit(0), false);

        assertThat(result.canary()).isEmpty();
        assertThat(log).noneMatch(l -> l.startsWith("canary") || l.startsWith("pause")).contains("batch 1/1 [b]");
    }

    @Test
    void stopRequested_duringABatch_theBatchFinishes_noOtherStarts() {
        fourStaleHosts();
        stopDuring = "a";

        PatchResult result = run(abcd(), new BatchSize(2, false), new FailureLimit(0), false);

        assertThat(log).contains("batch 1/2 [a, b]", "restart a", "restart b", "stopped; not touched [c, d]")
                .doesNotContain("batch 2/2 [c, d]", "restart c", "restart d");
        PatchResult.Stop stop = result.stop().orElseThrow();
        assertThat(stop.reason()).isEqualTo(PatchResult.Reason.INTERRUPTED);
        assertThat(stop.detail()).hasValue("SIGINT");
        assertThat(stop.batch()).isEqualTo(1);
        assertThat(result.interrupted()).isTrue();
        assertThat(verdicts(result)).containsExactly(PatchVerdict.PATCHED, PatchVerdict.PATCHED, PatchVerdict.NOT_PATCHED,
                PatchVerdict.NOT_PATCHED);
        assertThat(log.stream().filter(l -> l.equals("scan a"))).as("scanned again after the restart").hasSize(2);
    }

    @Test
    void stopRequested_duringTheCanary_noSoak_noOtherHost() {
        fourStaleHosts();
        canary = Canary.parse("1", "10m", Set.of("a", "b", "c", "d"));
        stopDuring = "a";

        PatchResult result = run(abcd(), BatchSize.ALL, new FailureLimit(0), false);

        assertThat(log).noneMatch(l -> l.startsWith("pause ") || l.startsWith("check ")).doesNotContain("restart b");
        assertThat(result.stop().orElseThrow().reason()).isEqualTo(PatchResult.Reason.INTERRUPTED);
        assertThat(result.stop().orElseThrow().notTouched()).containsExactly("b", "c", "d");
        assertThat(result.canaryFailed()).isFalse();
    }

    @Test
    void aHostWhoseAgentWasStopped_isInterrupted() {
        scans("a", scan("a", 3, 0), scan("a", 2, 1));
        restarts.put("a", new HostRestart("a", io.rootfleet.controller.push.HostOutcome.Status.FAILED,
                Optional.of(new io.rootfleet.model.report.RestartSummary(List.of("stale-1"), List.of(), List.of("stale-2", "stale-3"),
                        true, List.of(), 10, List.of(), true)), Optional.of("stopped when asked: 1 restarted, 2 not restarted"), 10));

        PatchResult result = run(List.of(host("a")), BatchSize.ALL, new FailureLimit(0), false);

        assertThat(verdicts(result)).containsExactly(PatchVerdict.INTERRUPTED);
        assertThat(result.interrupted()).isTrue();
        assertThat(result.hosts().get(0).detail()).hasValue("stopped when asked: 1 restarted, 2 not restarted");
    }
}
