package io.rootfleet.controller.push;

import io.rootfleet.model.report.StaleReport;
import java.util.List;
import java.util.Optional;

/**
 * What one host's agent said about its containers' staleness ({@code stale --json}), or why it could not.
 *
 * @param report the agent's report, when the scan worked ({@code status} OK)
 * @param error why the scan failed
 */
public record HostScan(String host, HostOutcome.Status status, Optional<StaleReport> report, Optional<String> error, long millis) {

    public static HostScan of(String host, StaleReport report, long millis) {
        return new HostScan(host, HostOutcome.Status.OK, Optional.of(report), Optional.empty(), millis);
    }

    public static HostScan failed(String host, HostOutcome.Status status, String why, long millis) {
        return new HostScan(host, status, Optional.empty(), Optional.of(why), millis);
    }

    public boolean ok() {
        return status == HostOutcome.Status.OK;
    }

    /** The containers that run files the host has replaced (none when the scan failed). */
    public List<StaleReport.Container> stale() {
        return containers().stream().filter(StaleReport.Container::stale).toList();
    }

    public int staleCount() {
        return stale().size();
    }

    /** The containers whose own layer hides host system files. */
    public List<StaleReport.Container> shadowing() {
        return containers().stream().filter(c -> !c.shadowed().isEmpty()).toList();
    }

    public List<StaleReport.Container> containers() {
        return report.map(StaleReport::containers).orElse(List.of());
    }
}
