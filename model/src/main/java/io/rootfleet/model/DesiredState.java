package io.rootfleet.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** What one host should run: the document the controller sends and the agent converges to. */
public record DesiredState(List<ContainerSpec> containers) {
    public static final String API_VERSION = "rootfleet/v1";

    public DesiredState {
        containers = List.copyOf(containers);
        Set<ContainerName> seen = new HashSet<>();
        for (ContainerSpec spec : containers) {
            if (!seen.add(spec.name())) {
                throw new IllegalArgumentException("container '" + spec.name() + "' is declared twice");
            }
        }
    }

    /** The containers by name, in name order. */
    public SortedMap<ContainerName, ContainerSpec> byName() {
        SortedMap<ContainerName, ContainerSpec> specs = new TreeMap<>();
        containers.forEach(s -> specs.put(s.name(), s));
        return specs;
    }
}
