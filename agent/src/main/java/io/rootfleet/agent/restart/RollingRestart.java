package io.rootfleet.agent.restart;

import io.rootfleet.agent.apply.ActionOutcome.Status;
import io.rootfleet.agent.apply.ContainerActions;
import io.rootfleet.agent.apply.Observer;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.HostLayers;
import io.rootfleet.agent.lxc.HostFacts;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.LxcConfigRenderer;
import io.rootfleet.agent.mask.LowerLayerView;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.stale.StaleScanner;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.agent.state.StateStore;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.report.RestartSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The restart use case: under the host lock, restart running containers batch by batch (stop with their
 * own stop policy, start on a freshly mounted overlay, wait until healthy), the containers of a batch in
 * parallel, and stop before the next batch once the failures reach the limit. Containers of later batches
 * are then left running as they were; a failed container is left as it ended up.
 */
public final class RollingRestart {

    /** How a rollout runs. */
    public record Options(BatchSize batchSize, int maxFail, Duration lockTimeout) {}

    private final AgentHome home;
    private final Lxc lxc;
    private final Kernel kernel;
    private final HostFacts facts;
    private final RestartReporter reporter;

    public RollingRestart(AgentHome home, Lxc lxc, Kernel kernel, HostFacts facts, RestartReporter reporter) {
        this.home = home;
        this.lxc = lxc;
        this.kernel = kernel;
        this.facts = facts;
        this.reporter = reporter;
    }

    /**
     * @param names running containers to restart; none is fine (nothing happens, the lock is not taken)
     * @throws io.rootfleet.model.yaml.InvalidInputException when a name is not a running managed container;
     *     nothing was changed then
     */
    public RestartSummary restart(Collection<ContainerName> names, Options options) {
        return names.isEmpty() ? nothingToRestart(options) : underLock(options, observed -> names);
    }

    /**
     * Restarts the running containers that still run replaced files. A first scan without the lock makes the
     * common case (nothing stale, e.g. from the apt hook) quick even while an apply holds the lock; the
     * containers restarted are those a second scan under the lock finds stale and running.
     */
    public RestartSummary restartStale(Options options) {
        StaleScanner scanner = new StaleScanner(home, lxc);
        if (RestartTargets.stale(scanner.scan(List.of())).isEmpty()) {
            return nothingToRestart(options);
        }
        return underLock(options, observed -> RestartTargets.stale(scanner.scanObserved(observed.values().stream()
                .filter(o -> o.run().running())
                .toList())));
    }

    private RestartSummary nothingToRestart(Options options) {
        long start = System.nanoTime();
        RolloutPlan nothing = RolloutPlanner.plan(Map.of(), options.batchSize(), options.maxFail());
        reporter.rollout(nothing);
        RestartSummary summary = new RolloutProgress(nothing).summary(elapsedMillis(start));
        reporter.result(summary);
        return summary;
    }

    @SuppressWarnings("try") // the lock is held for the whole block, never used in it
    private RestartSummary underLock(Options options,
            Function<Map<ContainerName, ObservedContainer>, Collection<ContainerName>> choose) {
        long start = System.nanoTime();
        try (HostLock lock = HostLock.acquire(home.lockFile(), options.lockTimeout())) {
            StateStore store = new StateStore(home);
            Map<ContainerName, ObservedContainer> observed = new Observer(home, lxc, store).observe();
            Map<ContainerName, ContainerSpec> targets = RestartTargets.resolve(new LinkedHashSet<>(choose.apply(observed)),
                    observed, home.containers().toString());
            RolloutPlan plan = RolloutPlanner.plan(targets, options.batchSize(), options.maxFail());
            reporter.rollout(plan);
            if (targets.isEmpty()) {
                RestartSummary summary = new RolloutProgress(plan).summary(elapsedMillis(start));
                reporter.result(summary);
                return summary;
            }
            // after a reboot the shared root and the mask tmpfs may be gone, and every start needs them
            new HostLayers(home, kernel).ensure().ifPresent(reporter::hostStep);
            ContainerActions actions = new ContainerActions(home, lxc, kernel, store,
                    new LxcConfigRenderer(home, facts), new LowerLayerView(home.rootMount()));
            RolloutProgress progress = run(plan, targets, actions);
            RestartSummary summary = progress.summary(elapsedMillis(start));
            reporter.result(summary);
            return summary;
        }
    }

    private RolloutProgress run(RolloutPlan plan, Map<ContainerName, ContainerSpec> targets, ContainerActions actions) {
        RolloutProgress progress = new RolloutProgress(plan);
        HealthChecker health = new HealthChecker(home, lxc);
        int widest = plan.batches().stream().mapToInt(b -> b.containers().size()).max().orElse(1);
        ExecutorService pool = Executors.newFixedThreadPool(widest, runnable -> {
            Thread thread = new Thread(runnable, "rootfleet-restart");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Batch batch : plan.batches()) {
                if (progress.limitReached()) {
                    for (ContainerName name : batch.containers()) {
                        RestartOutcome skipped = new RestartOutcome(name, Status.SKIPPED, 0, progress.stopReason());
                        progress.add(skipped);
                        reporter.restarted(skipped);
                    }
                    continue;
                }
                reporter.batch(batch, plan.batches().size());
                List<Future<RestartOutcome>> futures = new ArrayList<>();
                for (ContainerName name : batch.containers()) {
                    futures.add(pool.submit(() -> restartOne(targets.get(name), actions, health)));
                }
                for (Future<RestartOutcome> future : futures) {
                    progress.add(future.get());
                }
            }
            return progress;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the rolling restart", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the rolling restart failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Stop, start, health check; never throws: a failure is an outcome, reported as soon as it is known. */
    private RestartOutcome restartOne(ContainerSpec spec, ContainerActions actions, HealthChecker health) {
        long start = System.nanoTime();
        ContainerName name = spec.name();
        String step = "stop";
        RestartOutcome outcome;
        try {
            actions.stop(name, spec.effectiveStop());
            step = "start";
            actions.start(spec);
            step = "health check";
            health.await(spec);
            outcome = new RestartOutcome(name, Status.OK, elapsedMillis(start), null);
        } catch (RuntimeException e) {
            String what = e instanceof UnhealthyException ? e.getMessage() : step + " failed: " + e.getMessage();
            outcome = new RestartOutcome(name, Status.FAILED, elapsedMillis(start), what + "; left " + stateNow(name));
        }
        reporter.restarted(outcome);
        return outcome;
    }

    private String stateNow(ContainerName name) {
        try {
            return lxc.state(name).state().toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "in an unknown state (" + e.getMessage() + ")";
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
