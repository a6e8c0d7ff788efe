package io.rootfleet.agent.inspect;

import io.rootfleet.model.DesiredState;
import io.rootfleet.model.report.ContainerStatus;
import java.util.List;

/** What {@code status --json} writes: every managed container of this host. */
public record HostStatus(String apiVersion, List<ContainerStatus> containers) {

    public HostStatus(List<ContainerStatus> containers) {
        this(DesiredState.API_VERSION, List.copyOf(containers));
    }
}
