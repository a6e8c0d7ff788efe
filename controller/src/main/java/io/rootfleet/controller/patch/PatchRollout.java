package io.rootfleet.controller.patch;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.push.FleetRunner;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.push.HostRestart;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.report.AgentEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code rootfleet patch}, host side by host side: scan every host at once; then restart the stale containers
 * of the hosts that have some, one batch of hosts after the other (each host's agent rolls through its own
 * containers), stopping when the failure limit is exceeded; then scan the restarted hosts again.
 */
public final class PatchRollout {

    /** Asks one host which containers are stale. Never throws for a host's own failure. */
    @FunctionalInterface
    public interface Scanner {
        HostScan scan(HostSpec host);
    }

    /** Restarts one host's stale containers, passing on the agent's events. Never throws for a host's own failure. */
    @FunctionalInterface
    public interface Restarter {
        HostRestart restart(HostSpec host, Consumer<AgentEvent> events);
    }

    /** What a rollout tells as it goes; called from host threads, so implementations synchronize their output. */
    public interface Listener {
        /** Every host's first scan, in host order, before anything is restarted. */
        default void scanned(List<HostScan> scans) {}

        default void batchStarted(int batch, int batches, List<String> hosts) {}

        default void restartStarted(String host) {}

        default void event(String host, AgentEvent event) {}

        default void restartFinished(HostRestart restart) {}

        default void stopped(PatchResult.Stop stop) {}
    }

    private final FleetRunner runner;
    private final Scanner scanner;
    private final Restarter restarter;
    private final BatchSize serial;
    private final FailureLimit limit;
    private final Listener listener;

    public PatchRollout(FleetRunner runner, Scanner scanner, Restarter restarter, BatchSize serial, FailureLimit limit,
            Listener listener) {
        this.runner = runner;
        this.scanner = scanner;
        this.restarter = restarter;
        this.serial = serial;
        this.limit = limit;
        this.listener = listener;
    }

    /** Scans {@code hosts} and, unless {@code check}, patches those with stale containers. */
    public PatchResult run(List<HostSpec> hosts, boolean check) {
        List<HostScan> before = scan(hosts);
        listener.scanned(before);
        Map<String, HostRestart> restarts = new LinkedHashMap<>();
        Optional<PatchResult.Stop> stop = Optional.empty();
        if (!check) {
            List<HostSpec> stale = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                if (before.get(i).ok() && before.get(i).staleCount() > 0) {
                    stale.add(hosts.get(i));
                }
            }
            stop = restartInBatches(stale, restarts);
        }
        List<HostSpec> restarted = hosts.stream().filter(h -> restarts.containsKey(h.name())).toList();
        Map<String, HostScan> after = new LinkedHashMap<>();
        scan(restarted).forEach(scan -> after.put(scan.host(), scan));
        List<HostPatch> patches = new ArrayList<>();
        for (HostScan scan : before) {
            patches.add(HostPatch.of(scan, Optional.ofNullable(restarts.get(scan.host())),
                    Optional.ofNullable(after.get(scan.host())), check));
        }
        return new PatchResult(patches, check, stop);
    }

    private List<HostScan> scan(List<HostSpec> hosts) {
        return runner.each(hosts, scanner::scan,
                (host, crash) -> HostScan.failed(host.name(), HostOutcome.Status.FAILED, "internal error: " + crash, 0));
    }

    /** Restarts batch after batch into {@code restarts}; the stop, if the failure limit ended it early. */
    private Optional<PatchResult.Stop> restartInBatches(List<HostSpec> stale, Map<String, HostRestart> restarts) {
        List<List<HostSpec>> batches = serial.split(stale);
        int done = 0;
        int failed = 0;
        for (int b = 0; b < batches.size(); b++) {
            List<HostSpec> batch = batches.get(b);
            listener.batchStarted(b + 1, batches.size(), batch.stream().map(HostSpec::name).toList());
            List<HostRestart> results = runner.each(batch, this::restart,
                    (host, crash) -> HostRestart.failed(host.name(), HostOutcome.Status.FAILED, "internal error: " + crash, 0));
            for (HostRestart result : results) {
                restarts.put(result.host(), result);
                done++;
                if (!result.ok()) {
                    failed++;
                }
            }
            if (b + 1 < batches.size() && limit.exceeded(failed, done)) {
                List<String> notTouched = batches.subList(b + 1, batches.size()).stream().flatMap(List::stream)
                        .map(HostSpec::name).toList();
                PatchResult.Stop stop = new PatchResult.Stop(b + 1, batches.size(), failed, done, limit, notTouched);
                listener.stopped(stop);
                return Optional.of(stop);
            }
        }
        return Optional.empty();
    }

    private HostRestart restart(HostSpec host) {
        listener.restartStarted(host.name());
        HostRestart result = restarter.restart(host, event -> listener.event(host.name(), event));
        listener.restartFinished(result);
        return result;
    }
}
