package io.rootfleet.agent.restart;

import io.rootfleet.model.BatchSize;
import io.rootfleet.model.ContainerName;
import java.util.List;

/** The batches of a rolling restart, in the order they run, and the failure count that ends it. */
public record RolloutPlan(List<Batch> batches, BatchSize batchSize, int maxFail) {

    public RolloutPlan {
        batches = List.copyOf(batches);
        if (maxFail < 1) {
            throw new IllegalArgumentException("the failure limit " + maxFail + " is not at least 1");
        }
    }

    public List<ContainerName> containers() {
        return batches.stream().flatMap(b -> b.containers().stream()).toList();
    }

    public boolean isEmpty() {
        return batches.isEmpty();
    }
}
