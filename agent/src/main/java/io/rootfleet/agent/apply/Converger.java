package io.rootfleet.agent.apply;

import io.rootfleet.agent.capacity.FleetShape;
import io.rootfleet.agent.capacity.HostCapacity;
import io.rootfleet.agent.engine.ActionOutcome;
import io.rootfleet.agent.engine.Engine;
import io.rootfleet.agent.engine.Reporter;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.agent.plan.Planner;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The apply use case: lock, observe, plan, (unless checking) persist, execute, confirm health, report. */
public final class Converger {

    /** How an apply runs. */
    public record Options(boolean check, boolean prune, int parallelism, Duration lockTimeout) {}

    private final Engine engine;
    private final Reporter reporter;
    private final HostCapacity capacity;

    public Converger(Engine engine, Reporter reporter) {
        this(engine, reporter, HostCapacity.system());
    }

    /** @param capacity the host's kernel limits, checked against the containers that will run (warnings only) */
    public Converger(Engine engine, Reporter reporter, HostCapacity capacity) {
        this.engine = engine;
        this.reporter = reporter;
        this.capacity = capacity;
    }

    @SuppressWarnings("try") // the lock is held for the whole block, never used in it
    public AgentEvent.Summary apply(DesiredState desired, Options options) {
        long start = System.nanoTime();
        if (options.check()) {
            Map<ContainerName, ObservedContainer> observed = engine.observe();
            Plan plan = Planner.plan(desired, observed, options.prune());
            reporter.plan(plan, true);
            warnAboutCapacity(desired, observed, options.prune());
            AgentEvent.Summary summary = plan.summary(List.of(), elapsedMillis(start));
            reporter.result(summary);
            return summary;
        }
        try (HostLock lock = HostLock.acquire(engine.home().lockFile(), options.lockTimeout())) {
            Map<ContainerName, ObservedContainer> observed = engine.observe();
            Plan plan = Planner.plan(desired, observed, options.prune());
            reporter.plan(plan, false);
            warnAboutCapacity(desired, observed, options.prune());
            engine.store().writeDesired(remembered(desired, options.prune()));
            if (plan.needsHostLayers()) {
                engine.ensureHostLayers().ifPresent(reporter::hostStep);
            }
            List<ActionOutcome> outcomes = engine.executor(reporter, options.parallelism())
                    .execute(plan, desired.byName(), ObservedContainer.appliedSpecs(observed));
            List<ContainerFailure> failures = new ArrayList<>(ActionOutcome.failures(outcomes));
            // a started container has to work, not only to start: the same confirmation as reconcile and restart
            Map<ContainerName, ContainerSpec> specs = desired.byName();
            failures.addAll(engine.confirmation().unhealthy(ActionOutcome.started(outcomes).stream().map(specs::get).toList(),
                    options.parallelism()).values());
            AgentEvent.Summary summary = plan.summary(failures, elapsedMillis(start));
            reporter.result(summary);
            return summary;
        }
    }

    /** Before anything starts: the host's kernel limits that are too low for what will run, as host lines. */
    private void warnAboutCapacity(DesiredState desired, Map<ContainerName, ObservedContainer> observed, boolean prune) {
        capacity.warnings(FleetShape.afterApply(desired, observed, prune)).forEach(reporter::hostStep);
    }

    /** The desired state to remember: what was there before, updated by this apply. */
    private DesiredState remembered(DesiredState desired, boolean prune) {
        Map<ContainerName, ContainerSpec> all = new TreeMap<>();
        if (!prune) {
            engine.store().readDesired().ifPresent(before -> before.containers().forEach(s -> all.put(s.name(), s)));
        }
        for (ContainerSpec spec : desired.containers()) {
            if (spec.state() == ContainerState.ABSENT) {
                all.remove(spec.name());
            } else {
                all.put(spec.name(), spec);
            }
        }
        return new DesiredState(new ArrayList<>(all.values()));
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
