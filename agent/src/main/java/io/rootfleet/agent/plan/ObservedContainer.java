package io.rootfleet.agent.plan;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A container as found on the host: its directory, its LXC config, the spec it was last written from (none
 * when an apply was cut short before it finished writing), and whether it runs.
 */
public record ObservedContainer(ContainerName name, boolean configured, Optional<ContainerSpec> applied, Run run) {

    /** The spec each container was last written from, by name; containers never fully written are left out. */
    public static Map<ContainerName, ContainerSpec> appliedSpecs(Map<ContainerName, ObservedContainer> observed) {
        Map<ContainerName, ContainerSpec> specs = new TreeMap<>();
        observed.values().forEach(o -> o.applied().ifPresent(s -> specs.put(o.name(), s)));
        return specs;
    }
}
