package io.rootfleet.agent.restart;

import io.rootfleet.agent.engine.ActionOutcome.Status;
import io.rootfleet.agent.engine.Confirmation;
import io.rootfleet.agent.engine.ContainerActions;
import io.rootfleet.agent.engine.Engine;
import io.rootfleet.agent.engine.UnhealthyException;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.stale.StaleScanner;
import io.rootfleet.agent.state.HoldStore;
import io.rootfleet.agent.state.Holds;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.BatchSize;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.concurrent.Parallel;
import io.rootfleet.model.report.HeldContainer;
import io.rootfleet.model.concurrent.StopRequest;
import io.rootfleet.model.report.RestartSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The restart use case: under the host lock, restart running containers batch by batch (stop with their
 * own stop policy, start on a freshly mounted overlay, wait until healthy), the containers of a batch in
 * parallel, and stop before the next batch once the failures reach the limit. Containers of later batches
 * are then left running as they were; a failed container is left as it ended up. Held containers (see
 * {@code rootfleet-agent hold}) are left out unless the options include them, and reported as held.
 */
public final class RollingRestart {

    /**
     * How a rollout runs.
     *
     * @param parallelism containers of a batch stopped and started at once; more batch members than that wait
     *     their turn (on a few cores, hundreds of concurrent lxc-start processes only compete for them)
     * @param includeHeld restart held containers too (the operator said so); otherwise a held container, or every
     *     container of a held host, is left alone and reported as "held, not restarted"
     */
    public record Options(BatchSize batchSize, int maxFail, int parallelism, Duration lockTimeout, boolean includeHeld) {

        /** Held containers are left alone. */
        public Options(BatchSize batchSize, int maxFail, int parallelism, Duration lockTimeout) {
            this(batchSize, maxFail, parallelism, lockTimeout, false);
        }
    }

    private final Engine engine;
    private final AgentHome home;
    private final RestartReporter reporter;
    private final StopRequest stop;

    public RollingRestart(Engine engine, RestartReporter reporter) {
        this(engine, reporter, StopRequest.never());
    }

    /**
     * @param stop asked between batches: once it holds a reason, no further batch starts (the batch under way
     *     finishes) and the later containers are reported as not restarted
     */
    public RollingRestart(Engine engine, RestartReporter reporter, StopRequest stop) {
        this.engine = engine;
        this.home = engine.home();
        this.reporter = reporter;
        this.stop = stop;
    }

    /**
     * @param names running containers to restart; none is fine (nothing happens, the lock is not taken)
     * @throws io.rootfleet.model.yaml.InvalidInputException when a name is not a running managed container;
     *     nothing was changed then
     */
    @SuppressWarnings("try") // the lock is held for the whole block, never used in it
    public RestartSummary restart(Collection<ContainerName> names, Options options) {
        if (names.isEmpty()) {
            return nothingToRestart(options);
        }
        try (HostLock lock = HostLock.acquire(home.lockFile(), options.lockTimeout())) {
            return rollOut(options, observed -> names);
        }
    }

    /**
     * Restarts the running containers that still run replaced files, as a scan under the host lock finds
     * them. While another agent run holds the lock, a first scan without it makes the common case (nothing
     * stale, e.g. from the apt hook) quick instead of waiting.
     */
    @SuppressWarnings("try") // the lock is held for the whole block, never used in it
    public RestartSummary restartStale(Options options) {
        StaleScanner scanner = new StaleScanner(engine);
        HostLock held;
        try {
            held = HostLock.acquire(home.lockFile(), Duration.ZERO);
        } catch (HostLock.BusyException busy) {
            if (RestartTargets.stale(scanner.scan(List.of())).isEmpty()) {
                return nothingToRestart(options);
            }
            held = HostLock.acquire(home.lockFile(), options.lockTimeout());
        }
        try (HostLock lock = held) {
            return rollOut(options, observed -> RestartTargets.stale(scanner.scanObserved(observed.values().stream()
                    .filter(o -> o.run().running())
                    .toList())));
        }
    }

    private RestartSummary nothingToRestart(Options options) {
        long start = System.nanoTime();
        RolloutPlan nothing = RolloutPlanner.plan(Map.of(), options.batchSize(), options.maxFail());
        reporter.rollout(nothing);
        RestartSummary summary = new RolloutProgress(nothing).summary(elapsedMillis(start));
        reporter.result(summary);
        return summary;
    }

    /** The rollout itself; the caller holds the host lock. */
    private RestartSummary rollOut(Options options,
            Function<Map<ContainerName, ObservedContainer>, Collection<ContainerName>> choose) {
        long start = System.nanoTime();
        Map<ContainerName, ObservedContainer> observed = engine.observe();
        // read under the host lock, which `hold` takes too: a hold given before this point is always seen
        Holds holds = options.includeHeld() ? Holds.NONE : new HoldStore(home).read();
        RestartTargets.Chosen chosen = RestartTargets.withoutHeld(choose.apply(observed), holds);
        List<HeldContainer> held = chosen.held();
        Map<ContainerName, ContainerSpec> targets = RestartTargets.resolve(chosen.restart(), observed, home.containers().toString());
        RolloutPlan plan = RolloutPlanner.plan(targets, options.batchSize(), options.maxFail());
        reporter.rollout(plan);
        if (targets.isEmpty()) {
            RestartSummary summary = withHeld(new RolloutProgress(plan).summary(elapsedMillis(start)), held);
            reporter.result(summary);
            return summary;
        }
        // after a reboot the shared root and the mask tmpfs may be gone, and every start needs them
        engine.ensureHostLayers().ifPresent(reporter::hostStep);
        RolloutProgress progress = run(plan, targets, options.parallelism());
        RestartSummary summary = withHeld(progress.summary(elapsedMillis(start)), held);
        reporter.result(summary);
        return summary;
    }

    private static RestartSummary withHeld(RestartSummary s, List<HeldContainer> held) {
        return new RestartSummary(s.restarted(), s.failed(), s.notRestarted(), s.stoppedEarly(), s.failures(), s.millis(), held,
                s.interrupted());
    }

    private RolloutProgress run(RolloutPlan plan, Map<ContainerName, ContainerSpec> targets, int parallelism) {
        RolloutProgress progress = new RolloutProgress(plan);
        for (Batch batch : plan.batches()) {
            stop.reason().ifPresent(progress::interrupt);
            if (progress.stopped()) {
                for (ContainerName name : batch.containers()) {
                    RestartOutcome skipped = RestartOutcome.skipped(name, progress.stopReason());
                    progress.add(skipped);
                    reporter.restarted(skipped);
                }
                continue;
            }
            reporter.batch(batch, plan.batches().size());
            List<RestartOutcome> outcomes = Parallel.map(batch.containers(), parallelism, "rootfleet-restart",
                    name -> restartOne(targets.get(name)));
            for (RestartOutcome outcome : confirmRunning(outcomes, targets)) {
                progress.add(outcome);
            }
        }
        return progress;
    }

    /**
     * Stop, start, and the health check (declared, or systemd's for the host's init); never throws: a failure is an outcome,
     * reported as soon as it is known. A container without a health check is reported after the batch, once
     * {@link #confirmRunning} has seen it survive its first moments.
     */
    private RestartOutcome restartOne(ContainerSpec spec) {
        ContainerActions actions = engine.actions();
        long start = System.nanoTime();
        ContainerName name = spec.name();
        String step = "stop";
        RestartOutcome outcome;
        try {
            actions.stop(name, spec.effectiveStop());
            step = "start";
            actions.start(spec);
            if (!Confirmation.checksHealth(spec)) {
                return RestartOutcome.ok(name, elapsedMillis(start));
            }
            step = Confirmation.HEALTH_CHECK;
            engine.confirmation().awaitHealthy(spec);
            outcome = RestartOutcome.ok(name, elapsedMillis(start));
        } catch (RuntimeException e) {
            String what = e instanceof UnhealthyException ? e.getMessage() : step + " failed: " + e.getMessage();
            outcome = RestartOutcome.failed(name, elapsedMillis(start), step, what + "; left " + stateNow(name));
        }
        reporter.restarted(outcome);
        return outcome;
    }

    /** The batch's outcomes, with those of containers without a health check confirmed (and now reported). */
    private List<RestartOutcome> confirmRunning(List<RestartOutcome> outcomes, Map<ContainerName, ContainerSpec> targets) {
        List<ContainerName> unchecked = outcomes.stream()
                .filter(o -> o.status() == Status.OK && !Confirmation.checksHealth(targets.get(o.container())))
                .map(RestartOutcome::container)
                .toList();
        Map<ContainerName, String> died = engine.confirmation().stoppedAfterStart(unchecked);
        List<RestartOutcome> confirmed = new ArrayList<>();
        for (RestartOutcome o : outcomes) {
            if (!unchecked.contains(o.container())) {
                confirmed.add(o);
                continue;
            }
            RestartOutcome outcome = died.containsKey(o.container())
                    ? RestartOutcome.failed(o.container(), o.millis(), Confirmation.RUNNING, died.get(o.container()) + "; left stopped")
                    : o;
            reporter.restarted(outcome);
            confirmed.add(outcome);
        }
        return confirmed;
    }

    private String stateNow(ContainerName name) {
        try {
            return engine.lxc().state(name).state().name().toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "in an unknown state (" + e.getMessage() + ")";
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
