package io.rootfleet.agent.capacity;

import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.DesiredState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the host's limits care about in the containers that run: how many boot the host's systemd (and how
 * many services they declare), how many have a veth on a bridge, and how many tasks all may have at once.
 *
 * @param systemd containers whose init is the host's systemd
 * @param services the {@code services} those containers declare, all together
 * @param plain containers that run a program of their own as init
 * @param bridged containers with a network on a host bridge (one neighbour entry each on the host)
 * @param tasks the tasks they may run at most: each one's {@code limits.pids}, or an estimate without one
 * @param tasksEstimated how many containers' tasks were estimated (they have no {@code limits.pids})
 */
public record FleetShape(int systemd, int services, int plain, int bridged, long tasks, int tasksEstimated) {
    /** Tasks a container that boots systemd may run without a pids limit: systemd, journald, dbus, logind, a web server. */
    static final int SYSTEMD_TASKS = 200;
    /** Tasks a container with its own program as init may run without a pids limit. */
    static final int PLAIN_TASKS = 32;

    public static final FleetShape EMPTY = new FleetShape(0, 0, 0, 0, 0, 0);

    /** The shape of these running containers. */
    public static FleetShape of(Collection<ContainerSpec> running) {
        int systemd = 0;
        int services = 0;
        int plain = 0;
        int bridged = 0;
        long tasks = 0;
        int estimated = 0;
        for (ContainerSpec spec : running) {
            if (spec.usesHostInit()) {
                systemd++;
                services += spec.services().size();
            } else {
                plain++;
            }
            if (spec.network().isPresent()) {
                bridged++;
            }
            if (spec.limits().pids().isPresent()) {
                tasks += spec.limits().pids().get();
            } else {
                tasks += spec.usesHostInit() ? SYSTEMD_TASKS : PLAIN_TASKS;
                estimated++;
            }
        }
        return new FleetShape(systemd, services, plain, bridged, tasks, estimated);
    }

    /**
     * The containers of this home that will run once an apply is done: the desired ones in state started, and
     * the running ones the desired state does not list (kept unless pruned), as they were last applied.
     */
    public static FleetShape afterApply(DesiredState desired, Map<ContainerName, ObservedContainer> observed, boolean prune) {
        Map<ContainerName, ContainerSpec> wanted = desired.byName();
        List<ContainerSpec> running = new ArrayList<>();
        wanted.values().stream().filter(s -> s.state() == ContainerState.STARTED).forEach(running::add);
        if (!prune) {
            for (ObservedContainer o : observed.values()) {
                if (!wanted.containsKey(o.name()) && o.run().running()) {
                    o.applied().ifPresent(running::add);
                }
            }
        }
        return of(running);
    }

    public int containers() {
        return systemd + plain;
    }
}
