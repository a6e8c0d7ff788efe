package io.rootfleet.controller.patch;

import io.rootfleet.controller.playbook.Connection;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.push.HostRestart;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.report.ContainerFailure;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Values for the patch tests: hosts, scans with a given number of stale containers, restarts. */
public final class Scans {
    private Scans() {}

    public static HostSpec host(String name) {
        return new HostSpec(name, Optional.empty(), HostSpec.DEFAULT_PORT, HostSpec.DEFAULT_USER, Optional.empty(),
                Connection.LOCAL, HostSpec.DEFAULT_AGENT_PATH, HostSpec.DEFAULT_AGENT_HOME, List.of(), new TreeMap<>());
    }

    /** A host with {@code stale} stale containers (stale-1...) and {@code fresh} others (fresh-1...). */
    public static HostScan scan(String host, int stale, int fresh) {
        List<StaleReport.Container> containers = new ArrayList<>();
        for (int i = 1; i <= stale; i++) {
            containers.add(container("stale-" + i, true));
        }
        for (int i = 1; i <= fresh; i++) {
            containers.add(container("fresh-" + i, false));
        }
        return HostScan.of(host, new StaleReport("rootfleet/v1", 12, containers), 10);
    }

    public static StaleReport.Container container(String name, boolean stale) {
        List<StaleReport.StaleFile> files = stale
                ? List.of(new StaleReport.StaleFile("/usr/lib/x86_64-linux-gnu/libssl.so.3", 100, 200L, "replaced on the host",
                        List.of(4242), List.of("apache2")))
                : List.of();
        return new StaleReport.Container(name, "RUNNING", 4242, "2026-11-22T02:00:00Z", stale, files, List.of(), List.of());
    }

    public static HostScan unreachable(String host) {
        return HostScan.failed(host, HostOutcome.Status.UNREACHABLE, "cannot connect to " + host + ": connection refused", 5);
    }

    public static HostRestart restarted(String host, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("stale-" + i);
        }
        return new HostRestart(host, HostOutcome.Status.OK,
                Optional.of(new RestartSummary(names, List.of(), List.of(), false, List.of(), 100)), Optional.empty(), 100);
    }

    /** The first container failed its health check and the agent stopped there. */
    public static HostRestart healthFailed(String host, int count) {
        List<String> notRestarted = new ArrayList<>();
        for (int i = 2; i <= count; i++) {
            notRestarted.add("stale-" + i);
        }
        return new HostRestart(host, HostOutcome.Status.FAILED,
                Optional.of(new RestartSummary(List.of(), List.of("stale-1"), notRestarted, true,
                        List.of(new ContainerFailure("stale-1", "health check", "health check /bin/false failed after 1 try")), 100)),
                Optional.of("1 container(s) failed; the rollout stopped at the failure limit, " + notRestarted.size()
                        + " not restarted"), 100);
    }
}
