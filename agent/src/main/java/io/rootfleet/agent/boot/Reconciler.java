package io.rootfleet.agent.boot;

import io.rootfleet.agent.engine.ActionOutcome;
import io.rootfleet.agent.engine.Engine;
import io.rootfleet.agent.engine.PlanExecutor;
import io.rootfleet.agent.engine.Reporter;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The reconcile use case, run at boot without the controller: mount the shared root and the mask tmpfs
 * again, then start the autostart containers of the remembered desired state, one start-order group after
 * the other, each group healthy before the next starts. It never changes the remembered desired state.
 */
public final class Reconciler {

    private final Engine engine;
    private final Reporter reporter;

    public Reconciler(Engine engine, Reporter reporter) {
        this.engine = engine;
        this.reporter = reporter;
    }

    @SuppressWarnings("try") // the lock is held for the whole block, never used in it
    public AgentEvent.Summary reconcile(int parallelism, Duration lockTimeout) {
        long start = System.nanoTime();
        try (HostLock lock = HostLock.acquire(engine.home().lockFile(), lockTimeout)) {
            DesiredState remembered = engine.store().readDesired().orElse(new DesiredState(List.of()));
            Map<ContainerName, ObservedContainer> observed = engine.observe();
            SortedMap<Integer, Plan> groups = BootPlan.plan(remembered, observed);
            Plan all = BootPlan.flatten(groups);
            reporter.plan(all, false);
            if (!observed.isEmpty() || !all.changes().isEmpty()) {
                engine.ensureHostLayers().ifPresent(reporter::hostStep);
            }
            Map<ContainerName, ContainerSpec> specs = remembered.byName();
            Map<ContainerName, ContainerSpec> applied = ObservedContainer.appliedSpecs(observed);
            PlanExecutor executor = engine.executor(reporter, parallelism);
            List<ContainerFailure> failures = new ArrayList<>();
            for (Plan group : groups.values()) {
                List<ActionOutcome> outcomes = executor.execute(group, specs, applied);
                failures.addAll(ActionOutcome.failures(outcomes));
                List<ContainerSpec> started = ActionOutcome.started(outcomes).stream().map(specs::get).toList();
                failures.addAll(engine.confirmation().unhealthy(started, parallelism).values());
            }
            AgentEvent.Summary summary = all.summary(failures, (System.nanoTime() - start) / 1_000_000);
            reporter.result(summary);
            return summary;
        }
    }
}
