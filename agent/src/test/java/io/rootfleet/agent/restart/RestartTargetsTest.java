package io.rootfleet.agent.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rootfleet.agent.plan.Run;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
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
}
