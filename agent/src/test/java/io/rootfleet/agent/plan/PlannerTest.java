package io.rootfleet.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final Run RUNNING = Run.runningWithPid(42);

    private static ContainerSpec spec(String name, ContainerState state) {
        return ContainerSpec.of(new ContainerName(name), state);
    }

    private static ObservedContainer found(ContainerSpec applied, Run run) {
        return new ObservedContainer(applied.name(), true, Optional.of(applied), run);
    }

    private static List<String> steps(Plan plan, String name) {
        return plan.containers().stream()
                .filter(c -> c.container().value().equals(name))
                .flatMap(c -> c.actions().stream())
                .map(a -> a.kind().label())
                .toList();
    }

    private static Map<ContainerName, ObservedContainer> observed(ObservedContainer... containers) {
        Map<ContainerName, ObservedContainer> map = new TreeMap<>();
        for (ObservedContainer c : containers) {
            map.put(c.name(), c);
        }
        return map;
    }

    @Test
    void plan_createsAndStartsNewContainer() {
        Plan plan = Planner.plan(new DesiredState(List.of(spec("a", ContainerState.STARTED))), observed(), false);
        assertThat(steps(plan, "a")).containsExactly("create", "start");
    }

    @Test
    void plan_privilegedContainer_isSaidLoudly_andSwitchingPrivilegeRewritesIt() {
        ContainerSpec a = spec("a", ContainerState.STARTED).withPrivileged(true);
        Plan created = Planner.plan(new DesiredState(List.of(a)), observed(), false);
        assertThat(created.containers().get(0).detail()).isEqualTo("new container; PRIVILEGED: its root is the host's root");

        Plan unprivileged = Planner.plan(new DesiredState(List.of(a.withPrivileged(false))), observed(found(a, RUNNING)), false);
        assertThat(steps(unprivileged, "a")).containsExactly("stop", "update", "start");
        assertThat(unprivileged.containers().get(0).detail()).doesNotContain("PRIVILEGED");
        Plan back = Planner.plan(new DesiredState(List.of(a)), observed(found(a.withPrivileged(false), RUNNING)), false);
        assertThat(back.containers().get(0).detail()).endsWith("; PRIVILEGED: its root is the host's root");
    }

    @Test
    void plan_createsStoppedContainerWithoutStarting() {
        Plan plan = Planner.plan(new DesiredState(List.of(spec("a", ContainerState.STOPPED))), observed(), false);
        assertThat(steps(plan, "a")).containsExactly("create");
    }

    @Test
    void plan_nothingWhenUpToDate() {
        ContainerSpec a = spec("a", ContainerState.STARTED);
        Plan plan = Planner.plan(new DesiredState(List.of(a)), observed(found(a, RUNNING)), false);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.needsHostLayers()).isFalse();
    }

    @Test
    void plan_startsStoppedContainer() {
        ContainerSpec a = spec("a", ContainerState.STARTED);
        Plan plan = Planner.plan(new DesiredState(List.of(a)), observed(found(a, Run.STOPPED)), false);
        assertThat(steps(plan, "a")).containsExactly("start");
    }

    @Test
    void plan_stopsRunningContainerThatShouldBeStopped() {
        ContainerSpec a = spec("a", ContainerState.STARTED);
        Plan plan = Planner.plan(new DesiredState(List.of(a.withState(ContainerState.STOPPED))),
                observed(found(a, RUNNING)), false);
        assertThat(steps(plan, "a")).containsExactly("stop");
    }

    @Test
    void plan_changedSpecOfRunningContainer_stopsUpdatesStarts() {
        ContainerSpec before = spec("a", ContainerState.STARTED);
        ContainerSpec after = DesiredStateReader.read(
                "apiVersion: rootfleet/v1\ncontainers: [{name: a, init: [/bin/sleep, infinity], env: {X: y}}]", "t").containers().get(0);
        Plan plan = Planner.plan(new DesiredState(List.of(after)), observed(found(before, RUNNING)), false);
        assertThat(steps(plan, "a")).containsExactly("stop", "update", "start");
        assertThat(plan.changes().get(0).detail()).isEqualTo("changed: init, env");
    }

    private static ContainerSpec read(String containerYaml) {
        return DesiredStateReader.read("apiVersion: rootfleet/v1\ncontainers: [" + containerYaml + "]", "t").containers().get(0);
    }

    @Test
    void plan_healthAndOrderChangedOnRunningContainer_onlyRecorded() {
        ContainerSpec before = read("{name: a, init: [/bin/sleep, infinity]}");
        ContainerSpec after = read("{name: a, init: [/bin/sleep, infinity], health: {tcp: 80}, order: 5}");
        Plan plan = Planner.plan(new DesiredState(List.of(after)), observed(found(before, RUNNING)), false);
        assertThat(steps(plan, "a")).containsExactly("record");
        assertThat(plan.changes().get(0).detail()).isEqualTo("changed: health, order; used at the next restart");
        assertThat(plan.needsHostLayers()).isFalse();
    }

    @Test
    void plan_healthChangedOnStoppedContainer_recordedThenStarted() {
        ContainerSpec before = read("{name: a, init: [/bin/sleep, infinity]}");
        ContainerSpec after = read("{name: a, init: [/bin/sleep, infinity], health: {command: [/bin/true]}}");
        Plan plan = Planner.plan(new DesiredState(List.of(after)), observed(found(before, Run.STOPPED)), false);
        assertThat(steps(plan, "a")).containsExactly("record", "start");
    }

    @Test
    void plan_orderChangedOnContainerToStop_recordedThenStopped() {
        ContainerSpec before = read("{name: a, init: [/bin/sleep, infinity]}");
        ContainerSpec after = read("{name: a, state: stopped, init: [/bin/sleep, infinity], order: -3}");
        Plan plan = Planner.plan(new DesiredState(List.of(after)), observed(found(before, RUNNING)), false);
        assertThat(steps(plan, "a")).containsExactly("record", "stop");
    }

    @Test
    void plan_healthChangedWithAnotherField_isARewrite() {
        ContainerSpec before = read("{name: a, init: [/bin/sleep, infinity]}");
        ContainerSpec after = read("{name: a, init: [/bin/sleep, infinity], health: {tcp: 80}, env: {X: y}}");
        Plan plan = Planner.plan(new DesiredState(List.of(after)), observed(found(before, RUNNING)), false);
        assertThat(steps(plan, "a")).containsExactly("stop", "update", "start");
        assertThat(plan.changes().get(0).detail()).isEqualTo("changed: env, health");
    }

    @Test
    void plan_unfinishedEarlierApply_isRewritten() {
        ContainerSpec a = spec("a", ContainerState.STARTED);
        ObservedContainer half = new ObservedContainer(a.name(), true, Optional.empty(), Run.STOPPED);
        Plan plan = Planner.plan(new DesiredState(List.of(a)), observed(half), false);
        assertThat(steps(plan, "a")).containsExactly("update", "start");
        assertThat(plan.changes().get(0).detail()).isEqualTo("an earlier apply did not finish");
    }

    @Test
    void plan_absent_stopsAndDestroys() {
        ContainerSpec a = spec("a", ContainerState.STARTED);
        Plan plan = Planner.plan(new DesiredState(List.of(a.withState(ContainerState.ABSENT))), observed(found(a, RUNNING)), false);
        assertThat(steps(plan, "a")).containsExactly("stop", "destroy");
    }

    @Test
    void plan_absentAndGone_isNothing() {
        Plan plan = Planner.plan(new DesiredState(List.of(spec("a", ContainerState.ABSENT))), observed(), false);
        assertThat(plan.changes()).isEmpty();
    }

    @Test
    void plan_unlistedContainer_keptUnlessPruning() {
        ContainerSpec old = spec("old", ContainerState.STARTED);
        Plan kept = Planner.plan(new DesiredState(List.of()), observed(found(old, RUNNING)), false);
        assertThat(kept.changes()).isEmpty();
        assertThat(kept.unlisted()).extracting(c -> c.container().value()).containsExactly("old");

        Plan pruned = Planner.plan(new DesiredState(List.of()), observed(found(old, RUNNING)), true);
        assertThat(steps(pruned, "old")).containsExactly("stop", "destroy");
    }
}
