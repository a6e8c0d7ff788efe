package io.rootfleet.agent.restart;

import io.rootfleet.model.BatchSize;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts the containers to restart into batches: lower {@code order} first, and a batch never mixes orders, so
 * every container of one order is back (and healthy) before the next order is touched. Pure.
 */
public final class RolloutPlanner {

    private RolloutPlanner() {}

    /** @param targets the containers to restart, each with the spec it was last applied from */
    public static RolloutPlan plan(Map<ContainerName, ContainerSpec> targets, BatchSize batchSize, int maxFail) {
        int size = batchSize.of(targets.size());
        Map<Integer, List<ContainerName>> byOrder = new TreeMap<>();
        new TreeMap<>(targets).forEach((name, spec) -> byOrder.computeIfAbsent(spec.order(), o -> new ArrayList<>()).add(name));
        List<Batch> batches = new ArrayList<>();
        byOrder.forEach((order, names) -> {
            for (int from = 0; from < names.size(); from += size) {
                batches.add(new Batch(batches.size() + 1, order, names.subList(from, Math.min(from + size, names.size()))));
            }
        });
        return new RolloutPlan(batches, batchSize, maxFail);
    }
}
