package io.rootfleet.controller.push;

import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.util.Optional;

/**
 * What one host's rolling restart of its stale containers did ({@code restart --stale --json}).
 *
 * @param summary the agent's result, when it got that far (also when some container failed)
 * @param error why the host failed: containers that failed, the failure limit, or the agent could not run
 * @param staleAfter the agent's scan once its rollout ended, reported with its result; empty from an older agent
 *     or when that scan failed
 */
public record HostRestart(String host, HostOutcome.Status status, Optional<RestartSummary> summary, Optional<String> error,
        long millis, Optional<StaleReport> staleAfter) {

    /** A restart without a scan after it. */
    public HostRestart(String host, HostOutcome.Status status, Optional<RestartSummary> summary, Optional<String> error,
            long millis) {
        this(host, status, summary, error, millis, Optional.empty());
    }

    public static HostRestart failed(String host, HostOutcome.Status status, String why, long millis) {
        return new HostRestart(host, status, Optional.empty(), Optional.of(why), millis);
    }

    public HostRestart withStaleAfter(Optional<StaleReport> scan) {
        return new HostRestart(host, status, summary, error, millis, scan);
    }

    /** The scan after the restart as a scan of its own, when the agent made one. */
    public Optional<HostScan> scanAfter() {
        return staleAfter.map(report -> HostScan.of(host, report, 0));
    }

    public boolean ok() {
        return status == HostOutcome.Status.OK;
    }

    public int restarted() {
        return summary.map(s -> s.restarted().size()).orElse(0);
    }

    /** The agent was asked to stop (the campaign was interrupted) before all its batches ran. */
    public boolean interrupted() {
        return summary.map(RestartSummary::interrupted).orElse(false);
    }

    public int failedContainers() {
        return summary.map(s -> s.failed().size()).orElse(0);
    }
}
