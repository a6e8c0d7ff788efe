package io.rootfleet.controller.report;

import static io.rootfleet.controller.patch.Scans.healthFailed;
import static io.rootfleet.controller.patch.Scans.restarted;
import static io.rootfleet.controller.patch.Scans.scan;
import static io.rootfleet.controller.patch.Scans.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.controller.patch.FailureLimit;
import io.rootfleet.controller.patch.HostPatch;
import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.model.ExitStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatchReportTest {
    private static HostPatch patched(String host, int stale) {
        return HostPatch.of(scan(host, stale, 1), Optional.of(restarted(host, stale)), Optional.of(scan(host, 0, stale + 1)), false);
    }

    private static HostPatch clean(String host) {
        return HostPatch.of(scan(host, 0, 2), Optional.empty(), Optional.empty(), false);
    }

    private static HostPatch down(String host) {
        return HostPatch.of(unreachable(host), Optional.empty(), Optional.empty(), false);
    }

    private static PatchResult result(HostPatch... hosts) {
        return new PatchResult(List.of(hosts), false, Optional.empty());
    }

    @Test
    void counts_staleBeforeAndAfter_onTheHostsScanned() {
        List<HostPatch> fleet = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            fleet.add(patched("web-" + i, 22));
        }
        fleet.add(patched("db", 26));

        assertThat(PatchReport.counts(new PatchResult(fleet, false, Optional.empty()))).isEqualTo("stale: 312 -> 0 on 14 hosts");
        assertThat(PatchReport.counts(result(patched("a", 2)))).isEqualTo("stale: 2 -> 0 on 1 host");
        assertThat(PatchReport.counts(result(patched("a", 2), clean("b"), down("c")))).isEqualTo("stale: 2 -> 0 on 2 hosts");
        assertThat(PatchReport.counts(result(clean("b")))).isEqualTo("stale: 0 -> 0 on 1 host");
    }

    @Test
    void counts_withCheck_andWithAHostNotScannedAgain() {
        PatchResult check = new PatchResult(List.of(HostPatch.of(scan("a", 3, 0), Optional.empty(), Optional.empty(), true)),
                true, Optional.empty());
        assertThat(PatchReport.counts(check)).isEqualTo("stale: 3 on 1 host; nothing restarted (--check)");

        HostPatch lost = HostPatch.of(scan("b", 4, 0), Optional.of(restarted("b", 4)), Optional.of(unreachable("b")), false);
        assertThat(PatchReport.counts(result(patched("a", 1), lost)))
                .isEqualTo("stale: 5 -> 0 on 2 hosts; unknown now on b (not scanned after the restart)");
    }

    @Test
    void hosts_countsOnlyTheVerdictsThatOccur() {
        assertThat(PatchReport.hosts(result(patched("a", 2), clean("b"), down("c"))))
                .isEqualTo("3 host(s): 1 patched, 1 clean, 1 unreachable; 2 container(s) restarted");
        HostPatch failed = HostPatch.of(scan("a", 2, 0), Optional.of(healthFailed("a", 2)), Optional.of(scan("a", 2, 0)), false);
        HostPatch skipped = HostPatch.of(scan("b", 1, 0), Optional.empty(), Optional.empty(), false);
        assertThat(PatchReport.hosts(result(failed, skipped)))
                .isEqualTo("2 host(s): 1 not patched, 1 failed; 0 container(s) restarted, 1 failed");
    }

    @Test
    void stopped_saysWhyAndWhatWasLeftAlone() {
        PatchResult.Stop stop = new PatchResult.Stop(1, 3, 1, 1, new FailureLimit(0), List.of("b", "c"));

        assertThat(PatchReport.stopped(stop)).isEqualTo("the rollout stopped after host batch 1 of 3: 1 of 1 host(s) failed"
                + " (100%), more than --max-fail-percentage 0 allows; not touched: b, c");
    }

    @Test
    void print_aRowPerHost_theFailuresUnderIt_thenTheStopAndTheCounts() {
        HostPatch failed = HostPatch.of(scan("a", 3, 0), Optional.of(healthFailed("a", 3)), Optional.of(scan("a", 2, 1)), false);
        HostPatch skipped = HostPatch.of(scan("b", 1, 0), Optional.empty(), Optional.empty(), false);
        PatchResult result = new PatchResult(List.of(failed, skipped, clean("c"), down("d")), false,
                Optional.of(new PatchResult.Stop(1, 2, 1, 1, new FailureLimit(0), List.of("b"))));
        StringWriter text = new StringWriter();

        new PatchReport(result, ExitStatus.FAILED).print(new PrintWriter(text, true));

        assertThat(text.toString().lines().map(String::stripTrailing)).containsExactly(
                "HOST                 RESULT      BEFORE RESTARTED FAILED AFTER      TIME  DETAIL",
                "a                    FAILED           3         0      1     2     120ms  1 container(s) failed; the rollout"
                        + " stopped at the failure limit, 2 not restarted",
                "    stale-1: health check /bin/false failed after 1 try",
                "    not restarted: stale-2, stale-3",
                "b                    NOT PATCHED      1         -      -     1      10ms  not touched: the rollout stopped"
                        + " before this host",
                "c                    clean            0         -      -     0      10ms",
                "d                    UNREACHABLE      -         -      -     -       5ms  cannot connect to d: connection refused",
                "the rollout stopped after host batch 1 of 2: 1 of 1 host(s) failed (100%), more than --max-fail-percentage 0"
                        + " allows; not touched: b",
                "stale: 4 -> 3 on 3 hosts",
                "4 host(s): 1 clean, 1 not patched, 1 failed, 1 unreachable; 0 container(s) restarted, 1 failed");
    }

    @Test
    void toJson_perHostBeforeRestartAfter() throws Exception {
        HostPatch lost = HostPatch.of(scan("b", 4, 0), Optional.of(restarted("b", 4)), Optional.of(unreachable("b")), false);
        PatchResult result = result(patched("a", 2), lost, down("c"));

        JsonNode doc = new ObjectMapper().readTree(new PatchReport(result, ExitStatus.UNREACHABLE).toJson());

        assertThat(doc.get("check").asBoolean()).isFalse();
        assertThat(doc.get("exitCode").asInt()).isEqualTo(3);
        assertThat(doc.get("hostsScanned").asInt()).isEqualTo(2);
        assertThat(doc.get("staleBefore").asInt()).isEqualTo(6);
        assertThat(doc.get("staleAfter").asInt()).isZero();
        assertThat(doc.get("notRescanned")).hasSize(1);
        assertThat(doc.has("stopped")).isFalse();
        JsonNode a = doc.get("hosts").get(0);
        assertThat(a.get("host").asText()).isEqualTo("a");
        assertThat(a.get("status").asText()).isEqualTo("patched");
        assertThat(a.get("staleBefore").asInt()).isEqualTo(2);
        assertThat(a.get("staleAfter").asInt()).isZero();
        assertThat(a.has("error")).isFalse();
        assertThat(a.get("before").get("containers")).hasSize(3);
        assertThat(a.get("before").get("containers").get(0).get("staleFiles").get(0).get("path").asText())
                .isEqualTo("/usr/lib/x86_64-linux-gnu/libssl.so.3");
        assertThat(a.get("restart").get("restarted")).hasSize(2);
        assertThat(a.get("after").get("containers")).hasSize(3);
        JsonNode b = doc.get("hosts").get(1);
        assertThat(b.get("status").asText()).isEqualTo("unreachable");
        assertThat(b.has("staleAfter")).isFalse();
        assertThat(b.has("after")).isFalse();
        assertThat(b.get("error").asText()).isEqualTo("restarted, but the scan after it failed: cannot connect to b: connection refused");
        JsonNode c = doc.get("hosts").get(2);
        assertThat(c.has("before")).isFalse();
        assertThat(c.has("restart")).isFalse();
    }

    @Test
    void stopped_canaryFailedAndInterrupted_sayWhy() {
        PatchResult.Stop canary = new PatchResult.Stop(PatchResult.Reason.CANARY_FAILED, 0, 1, 1, 1, new FailureLimit(0),
                List.of("b", "c"), Optional.of("a canary failed its health check 2 of 3 while soaking: a: web is STOPPED"));
        assertThat(PatchReport.stopped(canary)).isEqualTo("CANARY FAILED, the campaign stopped: a canary failed its health"
                + " check 2 of 3 while soaking: a: web is STOPPED; not touched: b, c");
        PatchResult.Stop interrupted = new PatchResult.Stop(PatchResult.Reason.INTERRUPTED, 1, 2, 0, 2, new FailureLimit(0),
                List.of(), Optional.of("SIGINT"));
        assertThat(PatchReport.stopped(interrupted)).isEqualTo("INTERRUPTED (SIGINT): the hosts under way finished their"
                + " batch under way, no other was started; not touched: none");
        assertThat(PatchReport.canary(new PatchResult.CanaryPhase(List.of("a"), 12_300, 60_000, 7, Optional.empty())))
                .isEqualTo("canary a: restarted in 12.3 s, then healthy through 7 check(s) over 60.0 s");
    }
}
