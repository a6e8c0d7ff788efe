package io.rootfleet.controller.report;

import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.patch.PatchRollout;
import io.rootfleet.controller.push.HostRestart;
import io.rootfleet.model.report.AgentEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened when during a campaign, as the controller saw it: the phases (scan, canary, host batches, stop)
 * and, per host and container, the restarts from the agent's events (a restart event comes when the container
 * is healthy or has failed, and says how long it took, which gives its start). Safe to feed from host threads.
 */
public final class PatchTimeline implements PatchRollout.Listener {
    /** A campaign-wide moment: {@code scan}, {@code canary}, {@code batch}, {@code stopped}. */
    public record Mark(Instant at, String kind, String text) {}

    /** One host's restart as a whole. */
    public record HostSpan(String host, Instant start, Instant end, String status, String detail) {}

    /**
     * One container's restart: stopped at {@code start}, healthy (ok) or failed at {@code end}; skipped ones were
     * not touched ({@code start == end}).
     */
    public record ContainerSpan(String host, String container, Instant start, Instant end, String status, String detail) {}

    private final Clock clock;
    private final Instant start;
    private final List<Mark> marks = new ArrayList<>();
    private final List<HostSpan> hosts = new ArrayList<>();
    private final List<ContainerSpan> containers = new ArrayList<>();
    private final java.util.Map<String, Instant> hostStarts = new java.util.HashMap<>();
    private Instant end;

    public PatchTimeline(Clock clock) {
        this.clock = clock;
        this.start = clock.instant();
    }

    @Override
    public synchronized void scanned(List<io.rootfleet.controller.push.HostScan> scans) {
        marks.add(new Mark(clock.instant(), "scan", "every host scanned (" + scans.size() + ")"));
    }

    @Override
    public synchronized void canaryStarted(List<String> canaries, Duration soak) {
        marks.add(new Mark(clock.instant(), "canary", "canary: " + String.join(", ", canaries) + " (soak "
                + soak.toSeconds() + " s)"));
    }

    @Override
    public synchronized void canaryFinished(PatchResult.CanaryPhase phase) {
        marks.add(new Mark(clock.instant(), phase.passed() ? "canary" : "failed", phase.passed()
                ? "canary healthy after " + phase.checks() + " check(s)" : "canary failed: " + phase.failure().orElse("")));
    }

    @Override
    public synchronized void batchStarted(int batch, int batches, List<String> batchHosts) {
        marks.add(new Mark(clock.instant(), "batch", "host batch " + batch + " of " + batches + ": " + String.join(", ", batchHosts)));
    }

    @Override
    public synchronized void restartStarted(String host) {
        hostStarts.put(host, clock.instant());
    }

    @Override
    public synchronized void event(String host, AgentEvent event) {
        if (event instanceof AgentEvent.Action a && a.action().equals("restart")) {
            Instant now = clock.instant();
            Instant began = a.status().equals("skipped") ? now : now.minusMillis(Math.max(0, a.millis()));
            containers.add(new ContainerSpan(host, a.container(), began, now, a.status(), a.detail() == null ? "" : a.detail()));
        }
    }

    @Override
    public synchronized void restartFinished(HostRestart restart) {
        Instant now = clock.instant();
        String status = restart.ok() ? "ok" : restart.interrupted() && restart.failedContainers() == 0 ? "interrupted" : "failed";
        hosts.add(new HostSpan(restart.host(), hostStarts.getOrDefault(restart.host(), now.minusMillis(restart.millis())), now,
                status, restart.error().orElse("")));
    }

    @Override
    public synchronized void stopped(PatchResult.Stop stop) {
        marks.add(new Mark(clock.instant(), stop.reason() == PatchResult.Reason.INTERRUPTED ? "stopped" : "failed",
                PatchReport.stopped(stop)));
    }

    /** The campaign is over (the scans after included). */
    public synchronized void finished() {
        end = clock.instant();
    }

    public Instant start() {
        return start;
    }

    public synchronized Instant end() {
        return end == null ? clock.instant() : end;
    }

    public synchronized List<Mark> marks() {
        return List.copyOf(marks);
    }

    public synchronized List<HostSpan> hosts() {
        return List.copyOf(hosts);
    }

    public synchronized List<ContainerSpan> containers() {
        return List.copyOf(containers);
    }
}
