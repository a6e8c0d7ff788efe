package io.rootfleet.agent.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.BatchSize;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.codec.DesiredStateReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {

    /** Containers "name:order" as they were applied. */
    private static Map<ContainerName, ContainerSpec> targets(String... nameOrder) {
        Map<ContainerName, ContainerSpec> targets = new TreeMap<>();
        for (String entry : nameOrder) {
            String[] parts = entry.split(":");
            ContainerSpec spec = parts.length == 1
                    ? ContainerSpec.of(new ContainerName(parts[0]), ContainerState.STARTED)
                    : DesiredStateReader.read("apiVersion: rootfleet/v1\ncontainers: [{name: " + parts[0] + ", order: "
                            + parts[1] + "}]", "t").containers().get(0);
            targets.put(spec.name(), spec);
        }
        return targets;
    }

    private static List<String> batches(RolloutPlan plan) {
        return plan.batches().stream()
                .map(b -> b.number() + "@" + b.order() + ":" + String.join(",", b.containers().stream().map(ContainerName::value).toList()))
                .toList();
    }

    @Test
    void plan_countCutsSortedNamesIntoBatches() {
        RolloutPlan plan = RolloutPlanner.plan(targets("e", "c", "a", "d", "b"), BatchSize.parse("2"), 1);
        assertThat(batches(plan)).containsExactly("1@0:a,b", "2@0:c,d", "3@0:e");
        assertThat(plan.containers()).extracting(ContainerName::value).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void plan_lowerOrderFirst_andABatchNeverMixesOrders() {
        RolloutPlan plan = RolloutPlanner.plan(targets("a:10", "b:0", "c:10", "d:-5", "e:0", "f:10"), BatchSize.parse("2"), 1);
        assertThat(batches(plan)).containsExactly("1@-5:d", "2@0:b,e", "3@10:a,c", "4@10:f");
    }

    @Test
    void plan_percentageIsOfAllContainersToRestart() {
        // 25% of 8 is 2, for each order's batches
        RolloutPlan plan = RolloutPlanner.plan(targets("a", "b", "c", "d", "e:1", "f:1", "g:1", "h:1"), BatchSize.parse("25%"), 1);
        assertThat(batches(plan)).containsExactly("1@0:a,b", "2@0:c,d", "3@1:e,f", "4@1:g,h");
        // rounded down, at least one
        assertThat(batches(RolloutPlanner.plan(targets("a", "b", "c"), BatchSize.parse("50%"), 1)))
                .containsExactly("1@0:a", "2@0:b", "3@0:c");
        assertThat(batches(RolloutPlanner.plan(targets("a", "b", "c"), BatchSize.parse("100%"), 1)))
                .containsExactly("1@0:a,b,c");
    }

    @Test
    void plan_nothingToRestart_isEmpty() {
        assertThat(RolloutPlanner.plan(Map.of(), BatchSize.parse("25%"), 1).isEmpty()).isTrue();
    }
}
