package io.rootfleet.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.engine.ActionOutcome.Status;
import io.rootfleet.agent.plan.ActionKind;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Plan;
import io.rootfleet.agent.plan.Planner;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor's logic on a fake LXC and kernel; ContainerLifecycleIT runs the same on real ones. */
class PlanExecutorTest {
    private static final DesiredState WEB = DesiredStateReader.read("""
            apiVersion: rootfleet/v1
            containers:
              - {name: web}
            """, "desired.yml");

    @TempDir
    Path tmp;

    private List<ActionOutcome> execute(FakeHost host, DesiredState desired, int parallelism) {
        Engine engine = host.engine();
        Map<ContainerName, ObservedContainer> observed = engine.observe();
        Plan plan = Planner.plan(desired, observed, false);
        return engine.executor(new RecordingReporter(), parallelism)
                .execute(plan, desired.byName(), ObservedContainer.appliedSpecs(observed));
    }

    private static List<String> steps(List<ActionOutcome> outcomes, String container) {
        return outcomes.stream().filter(o -> o.action().container().value().equals(container))
                .map(o -> o.action().kind().label() + ":" + o.statusLabel()).toList();
    }

    @Test
    void execute_newStartedContainer_createsThenStarts() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        List<ActionOutcome> outcomes = execute(host, WEB, 4);
        assertThat(steps(outcomes, "web")).containsExactly("create:ok", "start:ok");
        assertThat(host.lxc.calls()).containsExactly("start web");
        assertThat(host.home.config(new ContainerName("web"))).exists();
    }

    @Test
    void execute_failedStep_skipsTheRestOfThatContainer_notTheOthers() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        List<ActionOutcome> outcomes = execute(host, DesiredStateReader.read("""
                apiVersion: rootfleet/v1
                containers:
                  - name: bad
                    mounts: [{source: /nonexistent/rootfleet-test, target: /srv}]
                  - {name: good}
                """, "desired.yml"), 1);
        assertThat(steps(outcomes, "bad")).containsExactly("create:failed", "start:skipped");
        assertThat(outcomes.get(0).error()).contains("mount source /nonexistent/rootfleet-test does not exist");
        assertThat(steps(outcomes, "good")).containsExactly("create:ok", "start:ok");
        assertThat(host.lxc.calls()).containsExactly("start good");
        assertThat(ActionOutcome.failures(outcomes)).singleElement().asString().startsWith("bad: create failed: ");
    }

    @Test
    void execute_startThatFails_isAFailedStepNotAnException() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        host.lxc.failsToStart("web");
        List<ActionOutcome> outcomes = execute(host, WEB, 4);
        assertThat(outcomes).extracting(ActionOutcome::status).containsExactly(Status.OK, Status.FAILED);
        assertThat(ActionOutcome.started(outcomes)).isEmpty();
        assertThat(outcomes.get(1).action().kind()).isEqualTo(ActionKind.START);
    }

    private static DesiredState web(String motd, String env, String secondFile) {
        return DesiredStateReader.read("""
                apiVersion: rootfleet/v1
                containers:
                  - name: web
                    env: {A: "%s"}
                    files:
                      - {path: /etc/app/motd, content: "%s"}
                      - {path: %s, content: "x"}
                """.formatted(env, motd, secondFile), "desired.yml");
    }

    @Test
    void execute_newFilesThatCannotBeStaged_leaveTheContainerRunning_withItsOldFilesAndConfig() throws Exception {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        ContainerName web = new ContainerName("web");
        assertThat(steps(execute(host, web("old", "1", "/srv/a"), 4), "web")).containsExactly("create:ok", "start:ok");
        String oldConfig = Files.readString(host.home.config(web));
        // the container made a directory where the new definition's second file goes: that file cannot be written
        Files.createDirectories(host.home.upper(web).resolve("srv/new"));

        List<ActionOutcome> outcomes = execute(host, web("new", "2", "/srv/new"), 4);

        assertThat(steps(outcomes, "web")).containsExactly("stop:skipped", "update:failed", "start:skipped");
        assertThat(outcomes.get(0).error()).isEqualTo("its new files could not be written; nothing changed");
        assertThat(outcomes.get(1).error()).contains("container web").contains("/srv/new");
        assertThat(host.lxc.calls()).containsExactly("start web"); // never stopped
        assertThat(host.lxc.state(web).running()).isTrue();
        assertThat(host.home.upper(web).resolve("etc/app/motd")).hasContent("old");
        assertThat(host.home.config(web)).hasContent(oldConfig);
        // the staged temp files are gone again
        try (var files = Files.list(host.home.upper(web).resolve("etc/app"))) {
            assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("motd");
        }
        try (var files = Files.list(host.home.containerDir(web))) {
            assertThat(files).extracting(f -> f.getFileName().toString()).noneMatch(f -> f.startsWith("."));
        }
    }

    @Test
    void execute_newContainerThatCannotBeStaged_leavesNothingBehind() throws Exception {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        // on the host, /opt is a symlink: a file below it is refused
        Files.createDirectories(host.home.rootMount());
        Files.createSymbolicLink(host.home.rootMount().resolve("opt"), Path.of("usr/opt"));

        List<ActionOutcome> outcomes = execute(host, web("new", "1", "/opt/app/x"), 4);

        assertThat(steps(outcomes, "web")).containsExactly("create:failed", "start:skipped");
        assertThat(outcomes.get(0).error()).contains("container web").contains("/opt");
        ContainerName web = new ContainerName("web");
        assertThat(host.home.containerDir(web)).doesNotExist();
        assertThat(host.engine().ranges().rangeOf(web)).isEmpty();
        assertThat(host.lxc.calls()).isEmpty();
    }
}
