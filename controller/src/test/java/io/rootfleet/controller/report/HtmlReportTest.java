package io.rootfleet.controller.report;

import static io.rootfleet.controller.patch.Scans.healthFailed;
import static io.rootfleet.controller.patch.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.patch.FailureLimit;
import io.rootfleet.controller.patch.HostPatch;
import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.push.HostRestart;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.HeldContainer;
import io.rootfleet.model.report.PackageChange;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-27T02:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }
    }

    private static HostScan withPackages(String host, int stale, PackageChange... changes) {
        StaleReport report = scan(host, stale, 0).report().orElseThrow();
        return HostScan.of(host, new StaleReport(report.apiVersion(), report.millis(), report.containers(), List.of(changes)), 10);
    }

    @Test
    void render_showsCountsTimelinePackagesAndHeld_allEscaped() {
        TestClock clock = new TestClock();
        PatchTimeline timeline = new PatchTimeline(clock);
        String evil = "<script>alert('x')</script>";
        PackageChange libssl = new PackageChange("libssl3", "3.0.19-1", "3.0.22-1", List.of("CVE-2099-0001", "CVE-2099-0002"),
                List.of("stale-1", "stale-2"));
        PackageChange onB = new PackageChange("libssl3", "3.0.19-1", "3.0.22-1", List.of("CVE-2099-0001"), List.of("stale-1"));
        HostScan beforeA = withPackages("web-1", 2, libssl);
        HostScan beforeB = withPackages(evil, 1, onB);
        timeline.scanned(List.of(beforeA, beforeB));
        clock.advance(2);
        timeline.canaryStarted(List.of("web-1"), Duration.ofSeconds(60));
        timeline.restartStarted("web-1");
        clock.advance(5);
        timeline.event("web-1", AgentEvent.action("stale-1", "restart", "ok", 4000, null));
        timeline.event("web-1", AgentEvent.action("stale-2", "restart", "ok", 2000, null));
        RestartSummary summaryA = new RestartSummary(List.of("stale-1", "stale-2"), List.of(), List.of(), false, List.of(), 5000,
                List.of(new HeldContainer("db-" + evil, "kernel test", "alice", null, false)));
        HostRestart restartA = new HostRestart("web-1", HostOutcome.Status.OK, Optional.of(summaryA), Optional.empty(), 5000);
        timeline.restartFinished(restartA);
        PatchResult.CanaryPhase canary = new PatchResult.CanaryPhase(List.of("web-1"), 5000, 60_000, 7, Optional.empty());
        clock.advance(60);
        timeline.canaryFinished(canary);
        timeline.batchStarted(1, 1, List.of(evil));
        timeline.restartStarted(evil);
        clock.advance(3);
        HostRestart restartB = healthFailed(evil, 1);
        timeline.event(evil, AgentEvent.action("stale-1", "restart", "failed", 2500, "health check <b>bad</b> failed"));
        timeline.restartFinished(restartB);
        clock.advance(1);
        timeline.finished();
        HostPatch a = HostPatch.of(beforeA, Optional.of(restartA), Optional.of(scan("web-1", 0, 2)), false);
        HostPatch b = HostPatch.of(beforeB, Optional.of(restartB), Optional.of(scan(evil, 1, 0)), false);
        PatchResult result = new PatchResult(List.of(a, b), false, Optional.empty(), Optional.of(canary));

        String page = new HtmlReport(result, ExitStatus.FAILED, timeline, "site & <fleet>.yml").render();

        assertThat(page).doesNotContain("<script").doesNotContain("<b>bad").doesNotContain("http://").doesNotContain("https://")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("<title>rootfleet patch: site &amp; &lt;fleet&gt;.yml (failed)</title>")
                .contains("<div class=\"v\">failed (exit 1)</div>")
                .contains("id=\"stale-before\"><div class=\"k\">stale before</div><div class=\"v\">3</div>")
                .contains("id=\"stale-after\"><div class=\"k\">stale after</div><div class=\"v\">1</div>")
                .contains("canary web-1: restarted in 5.0 s, then healthy through 7 check(s) over 60.0 s")
                .contains("<span class=\"cve\">CVE-2099-0001</span> <span class=\"cve\">CVE-2099-0002</span>")
                .contains("<td>3.0.19-1</td><td>3.0.22-1</td>")
                .contains("3 on 2 hosts")
                .contains("web-1/db-&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;: held, not restarted (kernel test, held by alice)")
                .contains("health check &lt;b&gt;bad&lt;/b&gt; failed")
                .contains("2026-11-27 02:00:00 UTC to 2026-11-27 02:01:11 UTC (1 min 11 s)")
                .contains("<span class=\"t\">+1 min 07 s</span> host batch 1 of 1: &lt;script&gt;");
        // stale-1 of web-1: healthy 5 s after the start of the campaign's 71 s (2 s + 5 s), after 4 s of restart
        assertThat(page).contains("title=\"stale-1: ok\" style=\"left:4.23%;width:5.63%\"");
    }

    @Test
    void render_nothingRestarted_saysSo() {
        PatchTimeline timeline = new PatchTimeline(Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC));
        HostPatch clean = HostPatch.of(scan("a", 0, 1), Optional.empty(), Optional.empty(), false);
        timeline.finished();
        String page = new HtmlReport(new PatchResult(List.of(clean), false, Optional.of(new PatchResult.Stop(
                PatchResult.Reason.INTERRUPTED, 0, 1, 0, 0, new FailureLimit(0), List.of("b"), Optional.of("SIGTERM")))),
                ExitStatus.INTERRUPTED, timeline, "p.yml").render();
        assertThat(page).contains("<p>Nothing was restarted.</p>").contains("INTERRUPTED (SIGTERM)")
                .contains("No host package change is behind the stale containers");
    }
}
