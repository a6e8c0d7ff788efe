package io.rootfleet.agent.engine;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.HostLayers;
import io.rootfleet.agent.host.IdmappedRootMounts;
import io.rootfleet.agent.host.IdmappedRoots;
import io.rootfleet.agent.lxc.HostFacts;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.LxcConfigRenderer;
import io.rootfleet.agent.mask.LowerLayerView;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.state.IdRangeStore;
import io.rootfleet.agent.state.StateStore;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.userns.IdPool;
import io.rootfleet.agent.userns.SubIdFiles;
import io.rootfleet.model.ContainerName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the agent's use cases (apply, reconcile, restart, stale, status) stand on, wired once per run: observe
 * the managed containers, act on one, run a plan's steps in parallel, and confirm that what started works.
 */
public final class Engine {
    private final AgentHome home;
    private final Lxc lxc;
    private final Kernel kernel;
    private final StateStore store;
    private final Observer observer;
    private final ContainerActions actions;
    private final Confirmation confirmation;
    private final Supplier<Optional<String>> hostLayers;
    private final HostFacts facts;
    private final IdRangeStore ranges;

    public Engine(AgentHome home, Lxc lxc, Kernel kernel, HostFacts facts) {
        this(home, lxc, kernel, facts, Confirmation.GRACE, () -> new HostLayers(home, kernel).ensure(),
                SubIdFiles.system(), new IdmappedRootMounts(home, kernel));
    }

    /**
     * @param grace how long a container without a health check must survive its start to count as started
     * @param hostLayers mounts the shared root and the mask tmpfs unless they are there; says what it did
     * @param subIds where root's subordinate id ranges are (LXC's newuidmap reads /etc/subuid and /etc/subgid)
     * @param idmappedRoots the idmapped binds of / the unprivileged containers' overlays stand on
     */
    Engine(AgentHome home, Lxc lxc, Kernel kernel, HostFacts facts, Duration grace,
            Supplier<Optional<String>> hostLayers, SubIdFiles subIds, IdmappedRoots idmappedRoots) {
        this.home = home;
        this.facts = facts;
        this.ranges = new IdRangeStore(home, subIds, IdPool.DEFAULT);
        this.hostLayers = hostLayers;
        this.lxc = lxc;
        this.kernel = kernel;
        this.store = new StateStore(home);
        this.observer = new Observer(home, lxc, store, ranges);
        this.actions = new ContainerActions(home, lxc, kernel, store, new LxcConfigRenderer(home, facts),
                new LowerLayerView(home.rootMount()), ranges, idmappedRoots);
        this.confirmation = new Confirmation(home, lxc, grace, store);
    }

    public AgentHome home() {
        return home;
    }

    public Lxc lxc() {
        return lxc;
    }

    public Kernel kernel() {
        return kernel;
    }

    public StateStore store() {
        return store;
    }

    public HostFacts facts() {
        return facts;
    }

    /** Which id range each unprivileged container owns. */
    public IdRangeStore ranges() {
        return ranges;
    }

    /** The containers this agent manages, by name, and what state each is in now. */
    public Map<ContainerName, ObservedContainer> observe() {
        return observer.observe();
    }

    public ContainerActions actions() {
        return actions;
    }

    /** Mounts the shared root and the mask tmpfs unless they are there; says what it did, if anything. */
    public Optional<String> ensureHostLayers() {
        return hostLayers.get();
    }

    /** Runs plans' steps, reporting each to {@code reporter}, at most {@code parallelism} containers at once. */
    public PlanExecutor executor(Reporter reporter, int parallelism) {
        return new PlanExecutor(actions, reporter, parallelism);
    }

    public Confirmation confirmation() {
        return confirmation;
    }
}
