package io.rootfleet.agent.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerStatus;
import io.rootfleet.model.report.PackageChange;
import java.util.List;

/**
 * What {@code status --json} writes: every managed container of this host, the host package changes behind
 * its stale containers (left out when there are none), and with {@code --plan} what an apply of the given desired
 * state would do, container by container, as {@code apply --check} plans it (left out without).
 */
public record HostStatus(String apiVersion, List<ContainerStatus> containers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PackageChange> packages,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<AgentEvent.PlannedContainer> plan) {

    public HostStatus(List<ContainerStatus> containers) {
        this(containers, List.of());
    }

    public HostStatus(List<ContainerStatus> containers, List<PackageChange> packages) {
        this(DesiredState.API_VERSION, List.copyOf(containers), List.copyOf(packages), null);
    }

    /** This status with {@code plan} added. */
    public HostStatus withPlan(List<AgentEvent.PlannedContainer> plan) {
        return new HostStatus(apiVersion, containers, packages, List.copyOf(plan));
    }
}
