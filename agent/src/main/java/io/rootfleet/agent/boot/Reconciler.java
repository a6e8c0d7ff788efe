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
import java.util.SortedMap;
import java.util.TreeMap;

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
            Map<ContainerName, ContainerSpec> specs = new TreeMap<>();
            remembered.containers().forEach(s -> specs.put(s.name(), s));
            Map<ContainerName, ContainerSpec> applied = new TreeMap<>();
            observed.values().forEach(o -> o.applied().ifPresent(s -> applied.put(o.name(), s)));
            ContainerActions actions = new ContainerActions(home, lxc, kernel, store,
                    new LxcConfigRenderer(home, facts), new LowerLayerView(home.rootMount()));
            PlanExecutor executor = new PlanExecutor(actions, reporter, parallelism);
            List<String> failures = new ArrayList<>();
            for (Plan group : groups.values()) {
                List<ActionOutcome> outcomes = executor.execute(group, specs, applied);
                outcomes.stream()
                        .filter(o -> o.status() == ActionOutcome.Status.FAILED)
                        .forEach(o -> failures.add(o.action().container() + ": " + o.action().kind().label()
                                + " failed: " + o.error()));
                outcomes.stream()
                        .filter(o -> o.action().kind() == ActionKind.START && o.status() == ActionOutcome.Status.OK)
                        .map(o -> specs.get(o.action().container()))
                        .parallel()
                        .forEach(spec -> awaitHealthy(spec, failures));
            }
            int changed = all.changes().size();
            AgentEvent.Summary summary = new AgentEvent.Summary(changed,
                    (int) failures.stream().map(f -> f.substring(0, f.indexOf(':'))).distinct().count(),
                    all.containers().size() - changed, List.of(), failures, (System.nanoTime() - start) / 1_000_000);
            reporter.result(summary);
            return summary;
        }
    }

    private void awaitHealthy(ContainerSpec spec, List<String> failures) {
        try {
            health.await(spec);
        } catch (UnhealthyException e) {
            synchronized (failures) {
                failures.add(spec.name() + ": started but not healthy: " + e.getMessage());
            }
        }
    }
}
