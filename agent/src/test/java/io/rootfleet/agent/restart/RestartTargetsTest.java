package io.rootfleet.agent.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rootfleet.agent.plan.Run;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.state.Hold;
import io.rootfleet.agent.state.Holds;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.report.HeldContainer;
import io.rootfleet.model.report.StaleReport;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RestartTargetsTest {
    private static final Run RUNNING = Run.runningWithPid(42);

    private static ContainerName name(String value) {
        return new ContainerName(value);
    }

    private static ObservedContainer found(String name, Run run, boolean applied) {
        ContainerSpec spec = ContainerSpec.of(name(name), ContainerState.STARTED);
        return new ObservedContainer(spec.name(), true, applied ? Optional.of(spec) : Optional.empty(), run);
    }

    private static Map<ContainerName, ObservedContainer> observed(ObservedContainer... containers) {
        Map<ContainerName, ObservedContainer> map = new TreeMap<>();
        for (ObservedContainer c : containers) {
            map.put(c.name(), c);
        }
        return map;
    }

    @Test
    void resolve_runningContainers_theirAppliedSpecs() {
        Map<ContainerName, ContainerSpec> targets = RestartTargets.resolve(List.of(name("b"), name("a")),
                observed(found("a", RUNNING, true), found("b", RUNNING, true), found("c", RUNNING, true)), "/h/containers");
        assertThat(targets.keySet()).containsExactly(name("a"), name("b"));
        assertThat(targets.get(name("a")).name()).isEqualTo(name("a"));
    }

    @Test
    void resolve_unknownStoppedAndHalfWritten_allRefusedAtOnce() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> RestartTargets.resolve(
                List.of(name("nope"), name("down"), name("half"), name("up")),
                observed(found("down", Run.STOPPED, true), found("half", RUNNING, false), found("up", RUNNING, true)),
                "/h/containers"));
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "nope: no such container in /h/containers; `rootfleet-agent status` lists them",
                "down: is stopped; use apply to start it",
                "half: an earlier apply did not finish writing it; run apply first");
    }

    @Test
    void stale_onlyRunningStaleContainers_sorted() {
        StaleReport report = new StaleReport("rootfleet/v1", 5, List.of(
                new StaleReport.Container("web-2", "RUNNING", 12, null, true, List.of(), List.of(), List.of()),
                new StaleReport.Container("db", "RUNNING", 13, null, false, List.of(), List.of(), List.of()),
                new StaleReport.Container("old", "STOPPED", null, null, false, List.of(), List.of(), List.of()),
                new StaleReport.Container("web-1", "RUNNING", 14, null, true, List.of(), List.of(), List.of())));
        assertThat(RestartTargets.stale(report)).containsExactly(name("web-1"), name("web-2"));
    }

    @Test
    void withoutHeld_leavesHeldContainersOut_keepsOrder_andAHeldHostHoldsAll() {
        Hold hold = new Hold("migration", "alice (sudo) from 10.0.0.5:1", "2026-11-27T08:00:00Z");
        Holds holds = Holds.NONE.hold(List.of(name("db-1")), hold);
        RestartTargets.Chosen chosen = RestartTargets.withoutHeld(List.of(name("web-2"), name("db-1"), name("web-1"), name("web-2")), holds);
        assertThat(chosen.restart()).containsExactly(name("web-2"), name("web-1"));
        assertThat(chosen.held()).containsExactly(new HeldContainer("db-1", "migration", "alice (sudo) from 10.0.0.5:1",
                "2026-11-27T08:00:00Z", false));

        RestartTargets.Chosen host = RestartTargets.withoutHeld(List.of(name("web-1"), name("db-1")), holds.hold(List.of(), hold));
        assertThat(host.restart()).isEmpty();
        assertThat(host.held()).extracting(HeldContainer::container, HeldContainer::host)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web-1", true), org.assertj.core.groups.Tuple.tuple("db-1", false));

        assertThat(RestartTargets.withoutHeld(List.of(name("db-1")), Holds.NONE).restart()).containsExactly(name("db-1"));
    }
}
