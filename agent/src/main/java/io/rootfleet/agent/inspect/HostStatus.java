package io.rootfleet.agent.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.report.ContainerStatus;
import io.rootfleet.model.report.PackageChange;
import java.util.List;

/**
 * What {@code status --json} writes: every managed container of this host, and the host package changes behind
 * its stale containers (left out when there are none).
 */
public record HostStatus(String apiVersion, List<ContainerStatus> containers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PackageChange> packages) {

    public HostStatus(List<ContainerStatus> containers) {
        this(containers, List.of());
    }

    public HostStatus(List<ContainerStatus> containers, List<PackageChange> packages) {
        this(DesiredState.API_VERSION, List.copyOf(containers), List.copyOf(packages));
    }
}
