package io.rootfleet.controller.patch;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.push.FleetRunner;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.push.HostRestart;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.concurrent.StopRequest;
import io.rootfleet.model.report.AgentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code rootfleet patch}, host side by host side: scan every host at once; then, with a canary, restart the
 * canary hosts' stale containers and watch their health for the soak time, stopping the campaign if they fail;
 * then restart the stale containers of the other hosts that have some, one batch of hosts after the other (each
 * host's agent rolls through its own containers), stopping when the failure limit is exceeded. Each restarted
 * host's agent scans again at the end of its restart; a host whose agent did not is scanned at the end. A stop
 * request (Ctrl-C) lets the hosts under way finish and starts no other; their agents are asked to stop too, after
 * their own batch under way.
 */
public final class PatchRollout {

    /** Asks one host which containers are stale. Never throws for a host's own failure. */
    @FunctionalInterface
    public interface Scanner {
        HostScan scan(HostSpec host);
    }

    /**
     * Restarts one host's stale containers, passing on the agent's events; once {@code stop} is requested the
     * agent finishes its batch under way and starts no other. Never throws for a host's own failure.
     */
    @FunctionalInterface
    public interface Restarter {
        HostRestart restart(HostSpec host, Consumer<AgentEvent> events, StopRequest stop);
    }

    /** Checks a canary host while it soaks: the containers it restarted must still run (and be healthy). */
    @FunctionalInterface
    public interface HealthCheck {
        /** What is wrong, or empty when all is well. Never throws for a host's own failure. */
        Optional<String> problem(HostSpec host, List<String> restarted);
    }

    /** Waits between the health checks of a soak; returns early (true) when the stop is requested. */
    @FunctionalInterface
    public interface Pause {
        boolean pause(Duration time, StopRequest stop) throws InterruptedException;

        Pause REAL = (time, stop) -> stop.await(time);
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

        /** With --canary: the canary hosts are about to be restarted. */
        default void canaryStarted(List<String> hosts, Duration soak) {}

        /** With --canary: the canary hosts passed their soak (or failed it: {@code phase.failure()}). */
        default void canaryFinished(PatchResult.CanaryPhase phase) {}
    }

    private final FleetRunner runner;
    private final Scanner scanner;
    private final Restarter restarter;
    private final BatchSize serial;
    private final FailureLimit limit;
    private final Listener listener;
    private Optional<Canary> canary = Optional.empty();
    private HealthCheck health = (host, restarted) -> Optional.empty();
    private Pause pause = Pause.REAL;
    private StopRequest stop = StopRequest.never();

    public PatchRollout(FleetRunner runner, Scanner scanner, Restarter restarter, BatchSize serial, FailureLimit limit,
            Listener listener) {
        this.runner = runner;
        this.scanner = scanner;
        this.restarter = restarter;
        this.serial = serial;
        this.limit = limit;
        this.listener = listener;
    }

    /** Restarts the canary's hosts first and checks them with {@code health} while they soak. */
    public PatchRollout withCanary(Canary canary, HealthCheck health, Pause pause) {
        this.canary = Optional.of(canary);
        this.health = health;
        this.pause = pause;
        return this;
    }

    /** Stops cleanly once {@code stop} is requested: no new host batch, and the hosts under way are asked to stop. */
    public PatchRollout stoppedBy(StopRequest stop) {
        this.stop = stop;
        return this;
    }

    /** Scans {@code hosts} and, unless {@code check}, patches those with stale containers. */
    public PatchResult run(List<HostSpec> hosts, boolean check) {
        List<HostScan> before = scan(hosts);
        listener.scanned(before);
        Map<String, HostRestart> restarts = new LinkedHashMap<>();
        Optional<PatchResult.Stop> stopped = Optional.empty();
        Optional<PatchResult.CanaryPhase> canaryPhase = Optional.empty();
        if (!check) {
            List<HostSpec> stale = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                if (before.get(i).ok() && before.get(i).staleCount() > 0) {
                    stale.add(hosts.get(i));
                }
            }
            List<HostSpec> canaries = canary.map(c -> c.pick(stale)).orElse(List.of());
            List<HostSpec> rest = stale.stream().filter(h -> !canaries.contains(h)).toList();
            if (!canaries.isEmpty()) {
                canaryPhase = Optional.of(canaryFirst(canaries, restarts));
                PatchResult.CanaryPhase phase = canaryPhase.get();
                if (!phase.passed() || stop.isRequested()) {
                    List<String> notTouched = rest.stream().map(HostSpec::name).toList();
                    PatchResult.Stop end = phase.passed()
                            ? interrupted(0, serial.split(rest).size(), restarts, notTouched)
                            : new PatchResult.Stop(PatchResult.Reason.CANARY_FAILED, 0, serial.split(rest).size(),
                                    failures(restarts), restarts.size(), limit, notTouched, phase.failure());
                    listener.stopped(end);
                    stopped = Optional.of(end);
                }
            }
            if (stopped.isEmpty()) {
                stopped = restartInBatches(rest, restarts);
            }
        }
        // the agent scans again at the end of its restart; a host whose agent did not (an older one) is scanned now
        Map<String, HostScan> after = new LinkedHashMap<>();
        restarts.values().forEach(restart -> restart.scanAfter().ifPresent(scan -> after.put(scan.host(), scan)));
        List<HostSpec> unscanned = hosts.stream()
                .filter(h -> restarts.containsKey(h.name()) && !after.containsKey(h.name())).toList();
        scan(unscanned).forEach(scan -> after.put(scan.host(), scan));
        List<HostPatch> patches = new ArrayList<>();
        for (HostScan scan : before) {
            patches.add(HostPatch.of(scan, Optional.ofNullable(restarts.get(scan.host())),
                    Optional.ofNullable(after.get(scan.host())), check));
        }
        return new PatchResult(patches, check, stopped, canaryPhase);
    }

    /** Restarts the canary hosts at once, then checks their health until the soak time is over or a check fails. */
    private PatchResult.CanaryPhase canaryFirst(List<HostSpec> canaries, Map<String, HostRestart> restarts) {
        Canary c = canary.orElseThrow();
        List<String> names = canaries.stream().map(HostSpec::name).toList();
        listener.canaryStarted(names, c.soak());
        long start = System.nanoTime();
        List<HostRestart> results = runner.each(canaries, this::restart,
                (host, crash) -> HostRestart.failed(host.name(), HostOutcome.Status.FAILED, "internal error: " + crash, 0));
        results.forEach(r -> restarts.put(r.host(), r));
        long restartMillis = millisSince(start);
        List<String> failed = results.stream().filter(r -> !r.ok() && !r.interrupted()).map(r -> r.host() + ": "
                + r.error().orElse("failed")).toList();
        if (!failed.isEmpty()) {
            return finish(new PatchResult.CanaryPhase(names, restartMillis, 0, 0,
                    Optional.of("the canary restart failed on " + String.join("; ", failed))));
        }
        if (stop.isRequested() || results.stream().anyMatch(HostRestart::interrupted)) {
            return finish(new PatchResult.CanaryPhase(names, restartMillis, 0, 0, Optional.empty()));
        }
        long soakStart = System.nanoTime();
        // a check right away, then one at each interval from the start of the soak, the last at its end; a check
        // that takes longer than an interval delays the next one, and none starts after the end
        long pauses = c.soak().isZero() ? 0 : (c.soak().toMillis() + c.interval().toMillis() - 1) / c.interval().toMillis();
        Duration each = pauses == 0 ? Duration.ZERO : c.soak().dividedBy(pauses);
        long soakEnd = soakStart + c.soak().toNanos();
        int checks = 0;
        try {
            for (long p = 0; p <= pauses; p++) {
                if (p > 0) {
                    long wait = Math.min(soakStart + each.toNanos() * p, soakEnd) - System.nanoTime();
                    if (wait > 0 ? pause.pause(Duration.ofNanos(wait), stop) : stop.isRequested()) {
                        break; // asked to stop: the caller ends the campaign here
                    }
                }
                checks++;
                List<String> problems = runner.each(canaries, host -> health.problem(host, restarted(restarts.get(host.name())))
                                .map(problem -> host.name() + ": " + problem),
                        (host, crash) -> Optional.of(host.name() + ": internal error: " + crash))
                        .stream().flatMap(Optional::stream).toList();
                if (!problems.isEmpty()) {
                    return finish(new PatchResult.CanaryPhase(names, restartMillis, millisSince(soakStart), checks,
                            Optional.of("a canary failed its health check " + checks + " of " + (pauses + 1)
                                    + " while soaking: " + String.join("; ", problems))));
                }
                if (p > 0 && System.nanoTime() >= soakEnd) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.request("interrupted");
        }
        return finish(new PatchResult.CanaryPhase(names, restartMillis, millisSince(soakStart), checks, Optional.empty()));
    }

    private PatchResult.CanaryPhase finish(PatchResult.CanaryPhase phase) {
        listener.canaryFinished(phase);
        return phase;
    }

    private static List<String> restarted(HostRestart restart) {
        return restart == null ? List.of() : restart.summary().map(s -> s.restarted()).orElse(List.of());
    }

    private static int failures(Map<String, HostRestart> restarts) {
        return (int) restarts.values().stream().filter(r -> !r.ok() && !r.interrupted()).count();
    }

    private PatchResult.Stop interrupted(int batch, int batches, Map<String, HostRestart> restarts, List<String> notTouched) {
        return new PatchResult.Stop(PatchResult.Reason.INTERRUPTED, batch, batches, failures(restarts), restarts.size(), limit,
                notTouched, stop.reason());
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private List<HostScan> scan(List<HostSpec> hosts) {
        return runner.each(hosts, scanner::scan,
                (host, crash) -> HostScan.failed(host.name(), HostOutcome.Status.FAILED, "internal error: " + crash, 0));
    }

    /** Restarts batch after batch into {@code restarts}; the stop, if the failure limit or a stop request ended it early. */
    private Optional<PatchResult.Stop> restartInBatches(List<HostSpec> stale, Map<String, HostRestart> restarts) {
        List<List<HostSpec>> batches = serial.split(stale);
        for (int b = 0; b < batches.size(); b++) {
            if (stop.isRequested()) {
                List<String> notTouched = batches.subList(b, batches.size()).stream().flatMap(List::stream)
                        .map(HostSpec::name).toList();
                PatchResult.Stop end = interrupted(b, batches.size(), restarts, notTouched);
                listener.stopped(end);
                return Optional.of(end);
            }
            List<HostSpec> batch = batches.get(b);
            listener.batchStarted(b + 1, batches.size(), batch.stream().map(HostSpec::name).toList());
            List<HostRestart> results = runner.each(batch, this::restart,
                    (host, crash) -> HostRestart.failed(host.name(), HostOutcome.Status.FAILED, "internal error: " + crash, 0));
            results.forEach(result -> restarts.put(result.host(), result));
            int failed = failures(restarts);
            int done = restarts.size();
            if (b + 1 < batches.size() && !stop.isRequested() && limit.exceeded(failed, done)) {
                List<String> notTouched = batches.subList(b + 1, batches.size()).stream().flatMap(List::stream)
                        .map(HostSpec::name).toList();
                PatchResult.Stop end = new PatchResult.Stop(b + 1, batches.size(), failed, done, limit, notTouched);
                listener.stopped(end);
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }

    private HostRestart restart(HostSpec host) {
        listener.restartStarted(host.name());
        HostRestart result = restarter.restart(host, event -> listener.event(host.name(), event), stop);
        listener.restartFinished(result);
        return result;
    }
}
