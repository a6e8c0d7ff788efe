package io.rootfleet.controller.report;

import io.rootfleet.controller.patch.HostPatch;
import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.push.HostRestart;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerFailure;
import io.rootfleet.model.report.HeldContainer;
import io.rootfleet.model.report.PackageChange;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A campaign as a security officer would get it: four hosts, web-1 the canary (soaked 5 minutes), then the others
 * two at a time; libssl3 and openssh-server upgrades with CVEs behind the stale containers; one container that failed
 * its health check on web-3, one held container on db-1. The times come from a clock the builder moves.
 */
final class SampleCampaign {
    static final String CVE = "CVE-2026-41827";

    private final MovingClock clock = new MovingClock();
    final PatchTimeline timeline = new PatchTimeline(clock);
    final PatchResult result;
    final ExitStatus exit = ExitStatus.FAILED;

    SampleCampaign() {
        List<HostScan> before = List.of(
                scan("web-1", List.of("web-1-app-1", "web-1-app-2", "web-1-nginx"), 3),
                scan("web-2", List.of("web-2-app-1", "web-2-app-2", "web-2-nginx"), 3),
                scan("web-3", List.of("web-3-app-1", "web-3-nginx"), 2),
                scan("db-1", List.of("db-1-pg"), 1));
        timeline.scanned(before);
        clock.advance(2_100);
        timeline.canaryStarted(List.of("web-1"), Duration.ofMinutes(5));
        HostRestart web1 = restart("web-1", List.of("web-1-app-1", "web-1-app-2", "web-1-nginx"), List.of(), List.of(), 4_200);
        clock.advance(300_000);
        PatchResult.CanaryPhase canary = new PatchResult.CanaryPhase(List.of("web-1"), 13_600, 300_000, 11, Optional.empty());
        timeline.canaryFinished(canary);
        timeline.batchStarted(1, 2, List.of("web-2", "web-3"));
        HostRestart web2 = restart("web-2", List.of("web-2-app-1", "web-2-app-2", "web-2-nginx"), List.of(), List.of(), 3_900);
        clock.advance(-12_000);
        HostRestart web3 = restart("web-3", List.of("web-3-nginx"), List.of("web-3-app-1"), List.of(), 6_100);
        timeline.batchStarted(2, 2, List.of("db-1"));
        HostRestart db1 = restart("db-1", List.of(), List.of(), List.of(new HeldContainer("db-1-pg",
                "quarterly failover test until Friday", "alice (sudo) from 10.0.0.5", "2026-11-26T17:02:11Z", false)), 0);
        clock.advance(1_800);
        timeline.finished();
        result = new PatchResult(List.of(
                HostPatch.of(before.get(0), Optional.of(web1), Optional.of(scan("web-1", List.of(), 3)), false),
                HostPatch.of(before.get(1), Optional.of(web2), Optional.of(scan("web-2", List.of(), 3)), false),
                HostPatch.of(before.get(2), Optional.of(web3), Optional.of(scan("web-3", List.of("web-3-app-1"), 2)), false),
                HostPatch.of(before.get(3), Optional.of(db1), Optional.of(scan("db-1", List.of("db-1-pg"), 1)), false)),
                false, Optional.empty(), Optional.of(canary));
    }

    String render() {
        return new HtmlReport(result, exit, timeline, "site.yml").render();
    }

    /** One host's restart: each container a few seconds after the other, then the host's end. */
    private HostRestart restart(String host, List<String> ok, List<String> failed, List<HeldContainer> held, long each) {
        timeline.restartStarted(host);
        List<ContainerFailure> failures = new ArrayList<>();
        for (String name : ok) {
            clock.advance(each);
            timeline.event(host, AgentEvent.action(name, "restart", "ok", each - 300, null));
        }
        for (String name : failed) {
            clock.advance(each * 2);
            String why = "health check `/usr/local/bin/app-ready` failed 3 times; last: exit 1 (connection refused); left running";
            timeline.event(host, AgentEvent.action(name, "restart", "failed", each * 2 - 300, why));
            failures.add(new ContainerFailure(name, "health check", why));
        }
        clock.advance(400);
        RestartSummary summary = new RestartSummary(ok, failed, List.of(), false, failures, each * (ok.size() + 2L * failed.size()),
                held);
        HostRestart restart = new HostRestart(host, failed.isEmpty() ? HostOutcome.Status.OK : HostOutcome.Status.FAILED,
                Optional.of(summary), failed.isEmpty() ? Optional.empty() : Optional.of(failed.size() + " container(s) failed"),
                summary.millis() + 400);
        timeline.restartFinished(restart);
        return restart;
    }

    private static HostScan scan(String host, List<String> stale, int running) {
        List<StaleReport.Container> containers = new ArrayList<>();
        List<String> ssl = new ArrayList<>();
        List<String> ssh = new ArrayList<>();
        for (String name : stale) {
            containers.add(new StaleReport.Container(name, "RUNNING", 4242, "2026-11-20T02:00:00Z", true, List.of(
                    new StaleReport.StaleFile("/usr/lib/x86_64-linux-gnu/libssl.so.3", 100, 200L, "replaced on the host",
                            List.of(4242), List.of("app"), "libssl3:amd64")), List.of(), List.of()));
            ssl.add(name);
            if (name.endsWith("nginx")) {
                ssh.add(name);
            }
        }
        List<PackageChange> packages = new ArrayList<>();
        if (!ssl.isEmpty()) {
            packages.add(new PackageChange("libssl3:amd64", "3.0.17-1~deb12u2", "3.0.17-1~deb12u3", List.of(CVE, "CVE-2026-41828"),
                    ssl));
        }
        if (!ssh.isEmpty()) {
            packages.add(new PackageChange("libcurl4:amd64", "7.88.1-10+deb12u12", "7.88.1-10+deb12u14",
                    List.of("CVE-2026-3805"), ssh));
        }
        for (int i = stale.size(); i < running; i++) {
            containers.add(new StaleReport.Container(host + "-other-" + i, "RUNNING", 4300 + i, "2026-11-26T02:00:00Z", false,
                    List.of(), List.of(), List.of()));
        }
        return HostScan.of(host, new StaleReport("rootfleet/v1", 40, containers, packages), 900);
    }

    /** A clock that starts at 02:00 UTC and moves only when told. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T02:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(long millis) {
            now = now.plusMillis(millis);
        }
    }
}
