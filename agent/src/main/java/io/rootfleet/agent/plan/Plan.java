package io.rootfleet.agent.plan;

import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerFailure;
import java.util.List;
import java.util.Locale;

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
        return summary(failures, millis, List.of());
    }

    /**
     * What running this plan came to when the changes of {@code notTouched} were not made (a rolling apply
     * stopped at its failure limit): they count neither as changed nor as up to date.
     */
    public AgentEvent.Summary summary(List<ContainerFailure> failures, long millis, List<String> notTouched) {
        int changes = changes().size();
        return new AgentEvent.Summary(
                changes - notTouched.size(),
                (int) failures.stream().map(ContainerFailure::container).distinct().count(),
                containers.size() - changes - unlisted().size(),
                unlisted().stream().map(c -> c.container().value()).toList(),
                failures,
                millis,
                notTouched);
    }

    /** Its containers as the {@code plan} event lists them: verdict up-to-date, change or unlisted, action labels. */
    public List<AgentEvent.PlannedContainer> planned() {
        return containers.stream().map(p -> new AgentEvent.PlannedContainer(p.container().value(),
                p.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                p.actions().stream().map(a -> a.kind().label()).toList(), p.detail())).toList();
    }

    public boolean needsHostLayers() {
        return changes().stream().flatMap(c -> c.actions().stream())
                .anyMatch(a -> a.kind() == ActionKind.START || a.kind() == ActionKind.CREATE || a.kind() == ActionKind.UPDATE);
    }
}
