package io.rootfleet.agent.plan;

import static io.rootfleet.agent.plan.ActionKind.CREATE;
import static io.rootfleet.agent.plan.ActionKind.DESTROY;
import static io.rootfleet.agent.plan.ActionKind.RECORD;
import static io.rootfleet.agent.plan.ActionKind.START;
import static io.rootfleet.agent.plan.ActionKind.STOP;
import static io.rootfleet.agent.plan.ActionKind.UPDATE;

import io.rootfleet.agent.plan.ContainerPlan.Verdict;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compares desired with observed state and lists the steps that close the gap. Pure. */
public final class Planner {

    private Planner() {}

    /**
     * @param prune whether containers the agent manages but the desired state does not list are destroyed
     */
    public static Plan plan(DesiredState desired, Map<ContainerName, ObservedContainer> observed, boolean prune) {
        Map<ContainerName, ContainerPlan> plans = new TreeMap<>();
        for (ContainerSpec spec : desired.containers()) {
            plans.put(spec.name(), planOne(spec, observed.get(spec.name())));
        }
        for (ObservedContainer found : observed.values()) {
            if (!plans.containsKey(found.name())) {
                plans.put(found.name(), prune
                        ? destroy(found, "not in the desired state; --prune given")
                        : new ContainerPlan(found.name(), Verdict.UNLISTED, List.of(),
                                "not in the desired state; left as it is (destroy it with --prune)"));
            }
        }
        return new Plan(new ArrayList<>(plans.values()));
    }

    /** Said loudly wherever a privileged container is created or rewritten: nothing separates its root from the host's. */
    private static String privilegedWarning(ContainerSpec spec) {
        return spec.privileged() ? "; PRIVILEGED: its root is the host's root" : "";
    }

    private static ContainerPlan planOne(ContainerSpec spec, ObservedContainer found) {
        ContainerName name = spec.name();
        if (spec.state() == ContainerState.ABSENT) {
            return found == null
                    ? new ContainerPlan(name, Verdict.UP_TO_DATE, List.of(), "absent")
                    : destroy(found, "state: absent");
        }
        boolean wantRunning = spec.state() == ContainerState.STARTED;
        List<Action> actions = new ArrayList<>();
        if (found == null) {
            actions.add(new Action(CREATE, name, ""));
            if (wantRunning) {
                actions.add(new Action(START, name, ""));
            }
            return new ContainerPlan(name, Verdict.CHANGE, actions, "new container" + privilegedWarning(spec));
        }
        boolean running = found.run().running();
        List<String> changed = found.applied().isPresent() ? SpecDiff.changedFields(found.applied().get(), spec) : List.of();
        String why = reasonToRewrite(found, changed);
        if (why != null) {
            if (running) {
                actions.add(new Action(STOP, name, "to apply changes"));
            }
            actions.add(new Action(UPDATE, name, why));
            if (wantRunning) {
                actions.add(new Action(START, name, ""));
            }
            return new ContainerPlan(name, Verdict.CHANGE, actions, why + privilegedWarning(spec));
        }
        if (!changed.isEmpty()) {
            actions.add(new Action(RECORD, name, "changed: " + String.join(", ", changed) + "; used at the next restart"));
        }
        if (wantRunning && !running) {
            actions.add(new Action(START, name, "is " + found.run().state().toLowerCase()));
        } else if (!wantRunning && running) {
            actions.add(new Action(STOP, name, "state: stopped"));
        }
        return actions.isEmpty()
                ? new ContainerPlan(name, Verdict.UP_TO_DATE, actions, spec.state().yamlName())
                : new ContainerPlan(name, Verdict.CHANGE, actions, actions.get(0).why());
    }

    /**
     * Why the container's config and files must be written again, or null when they are current (changes a
     * running container does not read are only recorded).
     */
    private static String reasonToRewrite(ObservedContainer found, List<String> changed) {
        if (found.applied().isEmpty() || !found.configured()) {
            return "an earlier apply did not finish";
        }
        return SpecDiff.needsRewrite(changed) ? "changed: " + String.join(", ", changed) : null;
    }

    private static ContainerPlan destroy(ObservedContainer found, String why) {
        List<Action> actions = new ArrayList<>();
        if (found.run().running()) {
            actions.add(new Action(STOP, found.name(), "to destroy it"));
        }
        actions.add(new Action(DESTROY, found.name(), why));
        return new ContainerPlan(found.name(), Verdict.CHANGE, actions, why + "; its data is deleted");
    }
}
