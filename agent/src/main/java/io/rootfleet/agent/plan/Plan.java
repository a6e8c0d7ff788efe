package io.rootfleet.agent.plan;

import java.util.List;

/** What an apply will do, container by container. Containers are independent of each other. */
public record Plan(List<ContainerPlan> containers) {

    public Plan {
        containers = List.copyOf(containers);
    }

    public List<ContainerPlan> changes() {
        return containers.stream().filter(c -> c.verdict() == ContainerPlan.Verdict.CHANGE).toList();
    }

    public List<ContainerPlan> unlisted() {
        return containers.stream().filter(c -> c.verdict() == ContainerPlan.Verdict.UNLISTED).toList();
    }

    public boolean needsHostLayers() {
        return changes().stream().flatMap(c -> c.actions().stream())
                .anyMatch(a -> a.kind() == ActionKind.START || a.kind() == ActionKind.CREATE || a.kind() == ActionKind.UPDATE);
    }
}
