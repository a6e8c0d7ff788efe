package io.rootfleet.controller.report;

import static io.rootfleet.controller.patch.Scans.container;
import static io.rootfleet.controller.patch.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.patch.HostPatch;
import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.patch.PatchVerdict;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.push.HostRestart;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.HeldContainer;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Held containers through rootfleet patch: not restarted, reported per host, not counted as a failure. */
class PatchReportHeldTest {
    private static final HeldContainer DB = new HeldContainer("stale-2", "migration", "alice (sudo) from 10.0.0.5:1",
            "2026-11-27T08:00:00Z", false);

    private static HostRestart restart(String host, List<String> restarted, List<HeldContainer> held) {
        return new HostRestart(host, HostOutcome.Status.OK,
                Optional.of(new RestartSummary(restarted, List.of(), List.of(), false, List.of(), 100, held)), Optional.empty(), 100);
    }

    @Test
    void aHostWithSomeHeld_isPatched_andSaysWhichAreHeld() {
        // stale-1 restarted, stale-2 held (still stale after)
        HostScan after = HostScan.of("a", new StaleReport("rootfleet/v1", 12, List.of(container("stale-1", false),
                container("stale-2", true))), 5);
        HostPatch h = HostPatch.of(scan("a", 2, 0), Optional.of(restart("a", List.of("stale-1"), List.of(DB))),
                Optional.of(after), false);
        assertThat(h.verdict()).isEqualTo(PatchVerdict.PATCHED);
        assertThat(h.detail()).hasValue("held, not restarted: stale-2");
        assertThat(h.held()).containsExactly(DB);
    }

    @Test
    void aHostWhoseStaleAreAllHeld_isHeld_notStillStale_andTheReportListsThem() {
        HostPatch h = HostPatch.of(scan("b", 1, 0), Optional.of(restart("b", List.of(), List.of(
                new HeldContainer("stale-1", "kernel test", "local root", "2026-11-27T09:00:00Z", true)))),
                Optional.of(scan("b", 1, 0)), false);
        assertThat(h.verdict()).isEqualTo(PatchVerdict.HELD);
        PatchResult result = new PatchResult(List.of(h), false, Optional.empty());
        StringWriter text = new StringWriter();
        new PatchReport(result, ExitStatus.OK).print(new PrintWriter(text, true));
        assertThat(text.toString())
                .contains("    stale-1: held, not restarted (the host is held: kernel test, held by local root)\n")
                .contains("1 host(s): 1 held; 0 container(s) restarted, 1 held, not restarted");
        assertThat(new PatchReport(result, ExitStatus.OK).toJson()).contains("\"held\":[{\"container\":\"stale-1\"");
    }

    @Test
    void aHeldContainerStillStale_whileAnotherIsToo_isStillStale_naming_onlyTheOther() {
        HostPatch h = HostPatch.of(scan("c", 2, 0), Optional.of(restart("c", List.of("stale-1"), List.of(DB))),
                Optional.of(scan("c", 2, 0)), false);
        assertThat(h.verdict()).isEqualTo(PatchVerdict.STILL_STALE);
        assertThat(h.detail()).hasValue("still stale after the restart: stale-1");
    }
}
