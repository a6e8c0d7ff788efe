package io.rootfleet.agent.boot;

import io.rootfleet.agent.apply.ActionOutcome;
import io.rootfleet.agent.apply.ContainerActions;
import io.rootfleet.agent.apply.Observer;
import io.rootfleet.agent.apply.PlanExecutor;
import io.rootfleet.agent.apply.Reporter;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.HostLayers;
import io.rootfleet.agent.lxc.HostFacts;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.LxcConfigRenderer;
import io.rootfleet.agent.mask.LowerLayerView;
import io.rootfleet.agent.plan.ActionKind;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.agent.restart.HealthChecker;
import io.rootfleet.agent.restart.UnhealthyException;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.agent.state.StateStore;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.report.AgentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reconcile use case, run at boot without the controller: mount the shared root and the mask tmpfs
 * again, then start the autostart containers of the remembered desired state, one start-order group after
 * the other, each group healthy before the next starts. It never changes the remembered desired state.
 */
public final class Reconciler {

    private final AgentHome home;
    private final Lxc lxc;
    private final Kernel kernel;
    private final HostFacts facts;
    private final Reporter reporter;
    private final HealthChecker health;
    private final StateStore store;

    public Reconciler(AgentHome home, Lxc lxc, Kernel kernel, HostFacts facts, Reporter reporter) {
        this.home = home;
        this.lxc = lxc;
        this.kernel = kernel;
        this.facts = facts;
        this.reporter = reporter;
        this.health = new HealthChecker(home, lxc);
        this.store = new StateStore(home);
    }

    @SuppressWarnings("try") // the lock is held for the whole block, never used in it
    public AgentEvent.Summary reconcile(int parallelism, Duration lockTimeout) {
        long start = System.nanoTime();
        try (HostLock lock = HostLock.acquire(home.lockFile(), lockTimeout)) {
            DesiredState remembered = store.readDesired().orElse(new DesiredState(List.of()));
            Map<ContainerName, ObservedContainer> observed = new Observer(home, lxc, store).observe();
            SortedMap<Integer, Plan> groups = BootPlan.plan(remembered, observed);
            Plan all = BootPlan.flatten(groups);
            reporter.plan(all, false);
            if (!observed.isEmpty() || !all.changes().isEmpty()) {
                new HostLayers(home, kernel).ensure().ifPresent(reporter::hostStep);
            }
            Map<ContainerName, ContainerSpec> specs = remembered.byName();
            Map<ContainerName, ContainerSpec> applied = ObservedContainer.appliedSpecs(observed);
            ContainerActions actions = new ContainerActions(home, lxc, kernel, store,
                    new LxcConfigRenderer(home, facts), new LowerLayerView(home.rootMount()));
            PlanExecutor executor = new PlanExecutor(actions, reporter, parallelism);
            List<String> failures = new ArrayList<>();
            for (Plan group : groups.values()) {
                List<ActionOutcome> outcomes = executor.execute(group, specs, applied);
                failures.addAll(ActionOutcome.failureLines(outcomes));
                failures.addAll(unhealthy(outcomes.stream()
                        .filter(o -> o.action().kind() == ActionKind.START && o.status() == ActionOutcome.Status.OK)
                        .map(o -> specs.get(o.action().container()))
                        .toList(), parallelism));
            }
            AgentEvent.Summary summary = all.summary(failures, (System.nanoTime() - start) / 1_000_000);
            reporter.result(summary);
            return summary;
        }
    }

    /**
     * Waits for the started containers to be healthy; returns a failure line for each that is not. Those
     * without a health check share one grace period and one lxc-ls; the checks of the others run at once.
     */
    private List<String> unhealthy(List<ContainerSpec> started, int parallelism) {
        List<String> failures = new ArrayList<>();
        health.stoppedAfterGrace(started.stream().filter(s -> s.health().isEmpty()).map(ContainerSpec::name).toList())
                .forEach((name, why) -> failures.add(name + ": started but not healthy: " + why));
        List<ContainerSpec> checked = started.stream().filter(s -> s.health().isPresent()).toList();
        if (checked.isEmpty()) {
            return failures;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, checked.size()));
        try {
            List<Future<Optional<String>>> results = new ArrayList<>();
            for (ContainerSpec spec : checked) {
                results.add(pool.submit(() -> {
                    try {
                        health.await(spec);
                        return Optional.<String>empty();
                    } catch (UnhealthyException e) {
                        return Optional.of(spec.name() + ": started but not healthy: " + e.getMessage());
                    }
                }));
            }
            for (Future<Optional<String>> result : results) {
                result.get().ifPresent(failures::add);
            }
            return failures;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for health checks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a health check failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
