package io.rootfleet.agent.restart;

import io.rootfleet.model.ContainerName;
import java.util.List;

/** Containers restarted together; all of one {@code order}, sorted by name. {@code number} counts from 1. */
public record Batch(int number, int order, List<ContainerName> containers) {

    public Batch {
        containers = List.copyOf(containers);
    }
}
