package io.rootfleet.controller.push;

import io.rootfleet.model.report.RestartSummary;
import java.util.Optional;

/**
 * What one host's rolling restart of its stale containers did ({@code restart --stale --json}).
 *
 * @param summary the agent's result, when it got that far (also when some container failed)
 * @param error why the host failed: containers that failed, the failure limit, or the agent could not run
 */
public record HostRestart(
        String host, HostOutcome.Status status, Optional<RestartSummary> summary, Optional<String> error, long millis) {

    public static HostRestart failed(String host, HostOutcome.Status status, String why, long millis) {
        return new HostRestart(host, status, Optional.empty(), Optional.of(why), millis);
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
