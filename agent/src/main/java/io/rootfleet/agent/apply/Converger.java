package io.rootfleet.agent.apply;

import io.rootfleet.agent.apply.ActionOutcome.Status;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.HostLayers;
import io.rootfleet.agent.lxc.HostFacts;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.LxcConfigRenderer;
import io.rootfleet.agent.lxc.RunState;
import io.rootfleet.agent.mask.LowerLayerView;
import io.rootfleet.agent.plan.ActionKind;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.agent.plan.Planner;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.agent.state.StateStore;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.report.AgentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The apply use case: lock, observe, plan, (unless checking) persist, execute, verify, report. */
public final class Converger {

    /** How an apply runs. */
    public record Options(boolean check, boolean prune, int parallelism, Duration lockTimeout) {}

    private final AgentHome home;
    private final Lxc lxc;
    private final Kernel kernel;
    private final HostFacts facts;
    private final Reporter reporter;
    private final StateStore store;

    public Converger(AgentHome home, Lxc lxc, Kernel kernel, HostFacts facts, Reporter reporter) {
        this.home = home;
        this.lxc = lxc;
        this.kernel = kernel;
        this.facts = facts;
        this.reporter = reporter;
        this.store = new StateStore(home);
    }

    @SuppressWarnings("try") // the lock is held for the whole block, never used in it
    public AgentEvent.Summary apply(DesiredState desired, Options options) {
        long start = System.nanoTime();
        if (options.check()) {
            Plan plan = Planner.plan(desired, new Observer(home, lxc, store).observe(), options.prune());
            reporter.plan(plan, true);
            AgentEvent.Summary summary = plan.summary(List.of(), elapsedMillis(start));
            reporter.result(summary);
            return summary;
        }
        try (HostLock lock = HostLock.acquire(home.lockFile(), options.lockTimeout())) {
            Map<ContainerName, ObservedContainer> observed = new Observer(home, lxc, store).observe();
            Plan plan = Planner.plan(desired, observed, options.prune());
            reporter.plan(plan, false);
            store.writeDesired(remembered(desired, options.prune()));
            if (plan.needsHostLayers()) {
                new HostLayers(home, kernel).ensure().ifPresent(reporter::hostStep);
            }
            ContainerActions actions = new ContainerActions(home, lxc, kernel, store,
                    new LxcConfigRenderer(home, facts), new LowerLayerView(home.rootMount()));
            List<ActionOutcome> outcomes = new PlanExecutor(actions, reporter, options.parallelism())
                    .execute(plan, desired.byName(), ObservedContainer.appliedSpecs(observed));
            List<String> failures = new ArrayList<>(ActionOutcome.failureLines(outcomes));
            failures.addAll(exitedAfterStart(outcomes));
            AgentEvent.Summary summary = plan.summary(failures, elapsedMillis(start));
            reporter.result(summary);
            return summary;
        }
    }

    /** The desired state to remember: what was there before, updated by this apply. */
    private DesiredState remembered(DesiredState desired, boolean prune) {
        Map<ContainerName, ContainerSpec> all = new TreeMap<>();
        if (!prune) {
            store.readDesired().ifPresent(before -> before.containers().forEach(s -> all.put(s.name(), s)));
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

    /** Containers whose start succeeded but whose init is already gone: a wrong path, a crashing app. */
    private List<String> exitedAfterStart(List<ActionOutcome> outcomes) {
        List<ContainerName> started = outcomes.stream()
                .filter(o -> o.action().kind() == ActionKind.START && o.status() == Status.OK)
                .map(o -> o.action().container())
                .toList();
        if (started.isEmpty()) {
            return List.of();
        }
        Map<ContainerName, RunState> states = lxc.list();
        List<String> failures = new ArrayList<>();
        for (ContainerName name : started) {
            if (!states.getOrDefault(name, RunState.STOPPED).running()) {
                failures.add(name + ": stopped right after it started; its init exited. Console output: "
                        + ConsoleLog.tail(home, name));
            }
        }
        return failures;
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
