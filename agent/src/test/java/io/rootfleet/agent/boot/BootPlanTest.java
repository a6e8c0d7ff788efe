package io.rootfleet.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.plan.Run;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BootPlanTest {
    private static final Run RUNNING = Run.runningWithPid(42);

    private static final DesiredState REMEMBERED = DesiredStateReader.read("""
            apiVersion: rootfleet/v1
            containers:
              - {name: db, autostart: true, order: -10}
              - {name: web-1, autostart: true}
              - {name: web-2, autostart: true}
              - {name: batch}
              - {name: spare, state: stopped, autostart: true}
            """, "desired.json");

    private static Map<ContainerName, ObservedContainer> afterReboot(String... runningNames) {
        Map<ContainerName, ObservedContainer> observed = new TreeMap<>();
        for (var spec : REMEMBERED.containers()) {
            boolean running = List.of(runningNames).contains(spec.name().value());
            observed.put(spec.name(), new ObservedContainer(spec.name(), true, Optional.of(spec),
                    running ? RUNNING : Run.STOPPED));
        }
        return observed;
    }

    private static Map<Integer, List<String>> changes(SortedMap<Integer, Plan> groups) {
        Map<Integer, List<String>> changes = new TreeMap<>();
        groups.forEach((order, plan) -> changes.put(order,
                plan.changes().stream().map(c -> c.container().value() + ":" + c.actions().get(0).kind().label()).toList()));
        return changes;
    }

    @Test
    void startsOnlyAutostartContainersThatShouldRun_lowestOrderFirst() {
        assertThat(changes(BootPlan.plan(REMEMBERED, afterReboot())))
                .containsExactly(
                        Map.entry(-10, List.of("db:start")),
                        Map.entry(0, List.of("web-1:start", "web-2:start")));
    }

    @Test
    void leavesRunningAndNonAutostartContainersAlone() {
        SortedMap<Integer, Plan> groups = BootPlan.plan(REMEMBERED, afterReboot("web-1", "batch"));
        assertThat(changes(groups)).containsExactly(
                Map.entry(-10, List.of("db:start")),
                Map.entry(0, List.of("web-2:start")));
        assertThat(BootPlan.flatten(groups).containers()).extracting(c -> c.container().value())
                .containsExactly("db", "web-1", "web-2");
    }

    @Test
    void rewritesAContainerAnApplyLeftHalfWritten() {
        Map<ContainerName, ObservedContainer> observed = afterReboot();
        ContainerName web1 = new ContainerName("web-1");
        observed.put(web1, new ObservedContainer(web1, false, Optional.empty(), Run.STOPPED));
        assertThat(changes(BootPlan.plan(REMEMBERED, observed)).get(0)).containsExactly("web-1:update", "web-2:start");
    }

    @Test
    void nothingRemembered_nothingToDo() {
        assertThat(BootPlan.plan(new DesiredState(List.of()), Map.of())).isEmpty();
    }
}
