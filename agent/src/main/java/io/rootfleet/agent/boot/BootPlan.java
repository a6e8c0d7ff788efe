package io.rootfleet.agent.boot;

import io.rootfleet.agent.plan.ContainerPlan;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.agent.plan.Planner;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.ContainerName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a reconcile does, pure: bring every autostart container that should run back up, in start order,
 * and leave every other container exactly as it is. It is the apply plan of the remembered desired state,
 * restricted to autostart containers, so a container an apply left half-written is rewritten first.
 */
public final class BootPlan {

    private BootPlan() {}

    /** Groups of container plans, lowest order first; the containers of one group start together. */
    public static SortedMap<Integer, Plan> plan(DesiredState remembered, Map<ContainerName, ObservedContainer> observed) {
        List<ContainerSpec> autostart = remembered.containers().stream()
                .filter(s -> s.autostart() && s.state() == ContainerState.STARTED)
                .toList();
        Map<ContainerName, Integer> orders = new TreeMap<>();
        autostart.forEach(s -> orders.put(s.name(), s.order()));
        Plan plan = Planner.plan(new DesiredState(autostart), observed, false);
        SortedMap<Integer, List<ContainerPlan>> groups = new TreeMap<>();
        for (ContainerPlan c : plan.containers()) {
            Integer order = orders.get(c.container());
            if (order != null) { // others are listed by the planner as unlisted: not ours to touch at boot
                groups.computeIfAbsent(order, o -> new ArrayList<>()).add(c);
            }
        }
        SortedMap<Integer, Plan> plans = new TreeMap<>();
        groups.forEach((order, containers) -> plans.put(order, new Plan(containers)));
        return plans;
    }

    /** All groups in one plan, for the report. */
    public static Plan flatten(SortedMap<Integer, Plan> groups) {
        return new Plan(groups.values().stream().flatMap(p -> p.containers().stream()).toList());
    }
}
