package io.rootfleet.agent.plan;

import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerFailure;
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

    /**
     * What running this plan came to.
     *
     * @param failures what went wrong; a container may fail more than once but counts once
     */
    public AgentEvent.Summary summary(List<ContainerFailure> failures, long millis) {
        int changed = changes().size();
        return new AgentEvent.Summary(
                changed,
                (int) failures.stream().map(ContainerFailure::container).distinct().count(),
                containers.size() - changed - unlisted().size(),
                unlisted().stream().map(c -> c.container().value()).toList(),
                failures,
                millis);
    }

    public boolean needsHostLayers() {
        return changes().stream().flatMap(c -> c.actions().stream())
                .anyMatch(a -> a.kind() == ActionKind.START || a.kind() == ActionKind.CREATE || a.kind() == ActionKind.UPDATE);
    }
}
