package io.rootfleet.agent.apply;

import io.rootfleet.agent.capacity.FleetShape;
import io.rootfleet.agent.capacity.HostCapacity;
import io.rootfleet.agent.engine.ActionOutcome;
import io.rootfleet.agent.engine.ActionOutcome.Status;
import io.rootfleet.agent.engine.Engine;
import io.rootfleet.agent.engine.Reporter;
import io.rootfleet.agent.plan.ContainerPlan;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.agent.plan.Planner;
import io.rootfleet.agent.restart.Batch;
import io.rootfleet.agent.restart.RolloutPlan;
import io.rootfleet.agent.restart.RolloutPlanner;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.BatchSize;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The apply use case: lock, observe, plan, (unless checking) persist, execute, confirm health, report.
 *
 * <p>Changes that restart a running container (files, env, limits, stop policy, config it reads only at its
 * start) roll out as {@code restart} does: batch by batch by {@code order}, each batch healthy before the next
 * starts, and no further batch once the failures among them reach the limit; the containers of the batches
 * left out are reported as not touched. Every other change (new containers, starts of stopped ones, stops,
 * destroys, changes recorded for the next restart) goes first, all in parallel, since it takes nothing down
 * that serves.
 */
public final class Converger {

    /**
     * How an apply runs.
     *
     * @param parallelism containers worked on at once (in a batch too)
     * @param batch running containers restarted at once
     * @param maxFail failed restarts of running containers after which no further batch starts (a count, or a
     *     share of the running containers to restart)
     */
    public record Options(boolean check, boolean prune, int parallelism, Duration lockTimeout, BatchSize batch,
            BatchSize maxFail) {}

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
            Run run = new Run(desired.byName(), ObservedContainer.appliedSpecs(observed), options);
            List<ContainerFailure> failures = new ArrayList<>(
                    run.converge(plan.changes().stream().filter(c -> !c.restarts()).toList()));
            List<String> notTouched = new ArrayList<>();
            failures.addAll(run.roll(plan.changes().stream().filter(ContainerPlan::restarts).toList(), notTouched));
            AgentEvent.Summary summary = plan.summary(failures, elapsedMillis(start), notTouched);
            reporter.result(summary);
            return summary;
        }
    }

    /** Before anything starts: the host's kernel limits that are too low for what will run, as host lines. */
    private void warnAboutCapacity(DesiredState desired, Map<ContainerName, ObservedContainer> observed, boolean prune) {
        capacity.warnings(FleetShape.afterApply(desired, observed, prune)).forEach(reporter::hostStep);
    }

    /** One apply's execution, after the plan. */
    private final class Run {
        private final Map<ContainerName, ContainerSpec> desired;
        private final Map<ContainerName, ContainerSpec> applied;
        private final Options options;

        Run(Map<ContainerName, ContainerSpec> desired, Map<ContainerName, ContainerSpec> applied, Options options) {
            this.desired = desired;
            this.applied = applied;
            this.options = options;
        }

        /**
         * Runs these containers' steps in parallel, then confirms the ones started: a started container has to
         * work, not only to start (the same confirmation as reconcile and restart).
         */
        List<ContainerFailure> converge(List<ContainerPlan> changes) {
            if (changes.isEmpty()) {
                return List.of();
            }
            List<ActionOutcome> outcomes = engine.executor(reporter, options.parallelism())
                    .execute(new Plan(changes), desired, applied);
            List<ContainerFailure> failures = new ArrayList<>(ActionOutcome.failures(outcomes));
            failures.addAll(engine.confirmation().unhealthy(
                    ActionOutcome.started(outcomes).stream().map(desired::get).toList(), options.parallelism()).values());
            return failures;
        }

        /**
         * Restarts running containers batch by batch, cut as {@code restart} cuts them; the containers of the
         * batches after the failure limit are added to {@code notTouched} and their steps reported skipped.
         */
        List<ContainerFailure> roll(List<ContainerPlan> restarts, List<String> notTouched) {
            if (restarts.isEmpty()) {
                return List.of();
            }
            Map<ContainerName, ContainerPlan> plans = new TreeMap<>();
            Map<ContainerName, ContainerSpec> targets = new TreeMap<>();
            for (ContainerPlan p : restarts) {
                plans.put(p.container(), p);
                targets.put(p.container(), desired.get(p.container()));
            }
            int maxFail = options.maxFail().of(targets.size());
            RolloutPlan rollout = RolloutPlanner.plan(targets, options.batch(), maxFail);
            reporter.hostStep("rolling restart of " + targets.size() + " running container(s) in "
                    + rollout.batches().size() + " batch(es) of up to " + options.batch().of(targets.size())
                    + " (--batch " + options.batch() + "), each healthy before the next; stopping once " + maxFail
                    + " fail (--max-fail " + options.maxFail() + ")");
            List<ContainerFailure> failures = new ArrayList<>();
            Set<String> failed = new TreeSet<>();
            for (Batch batch : rollout.batches()) {
                if (failed.size() >= maxFail) {
                    String why = "not touched: the rolling apply stopped after " + failed.size()
                            + (failed.size() == 1 ? " failure" : " failures") + " (--max-fail " + options.maxFail() + ")";
                    for (ContainerName name : batch.containers()) {
                        notTouched.add(name.value());
                        plans.get(name).actions().forEach(a -> reporter.action(new ActionOutcome(a, Status.SKIPPED, 0, why)));
                    }
                    continue;
                }
                reporter.hostStep("batch " + batch.number() + "/" + rollout.batches().size() + " (order " + batch.order()
                        + "): " + batch.containers().stream().map(ContainerName::value).collect(Collectors.joining(", ")));
                List<ContainerFailure> batchFailures = converge(batch.containers().stream().map(plans::get).toList());
                batchFailures.forEach(f -> failed.add(f.container()));
                failures.addAll(batchFailures);
            }
            return failures;
        }
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
