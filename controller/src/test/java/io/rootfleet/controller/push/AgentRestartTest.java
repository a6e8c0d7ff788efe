package io.rootfleet.controller.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.playbook.Connection;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.HostKeyPolicy;
import io.rootfleet.controller.ssh.SshClient;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerFailure;
import io.rootfleet.model.report.RestartSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AgentRestartTest {
    private static final List<String> ARGV = List.of("/usr/local/bin/rootfleet-agent", "--home", "/var/lib/rootfleet",
            "restart", "--stale", "--json");

    private final List<AgentEvent> passedOn = new ArrayList<>();

    /** Feeds {@code stdout} line by line as the agent would, then ends the run with {@code exit}. */
    private HostRestart run(int exit, String stdout, String stderr) {
        AgentRestart.Events events = new AgentRestart.Events(passedOn::add);
        stdout.lines().forEach(events::line);
        return events.outcome("web-a", new CommandResult(ARGV, "root@web-a:22", exit, stdout, stderr), 1500);
    }

    @Test
    void argv_passesThePerHostBatchAndFailureLimitThrough() {
        HostConnector connector = new HostConnector(new SshClient(Optional.empty(), Path.of("/nonexistent")),
                new ConnectOptions(Path.of("/nonexistent/known_hosts"), HostKeyPolicy.STRICT, Duration.ofSeconds(1),
                        Duration.ofSeconds(1), Optional.empty()));
        HostSpec host = new HostSpec("web-a", Optional.of("192.0.2.11"), 22, "root", Optional.empty(), Connection.SSH,
                new AbsolutePath("/opt/rootfleet/agent"), new AbsolutePath("/srv/rootfleet"), List.of(), new TreeMap<>());

        assertThat(new AgentRestart(connector, Duration.ofSeconds(1), Optional.empty(), OptionalInt.empty()).argv(host))
                .containsExactly("/opt/rootfleet/agent", "--home", "/srv/rootfleet", "restart", "--stale", "--json");
        assertThat(new AgentRestart(connector, Duration.ofSeconds(1), Optional.of("25%"), OptionalInt.of(1)).argv(host))
                .containsExactly("/opt/rootfleet/agent", "--home", "/srv/rootfleet", "restart", "--stale", "--json",
                        "--batch", "25%", "--max-fail", "1");
        assertThat(new AgentStale(connector, Duration.ofSeconds(1)).argv(host))
                .containsExactly("/opt/rootfleet/agent", "--home", "/srv/rootfleet", "stale", "--json");
    }

    @Test
    void outcome_aCleanRollout() {
        HostRestart restart = run(0, """
                {"event":"rollout","batches":[["web-1","web-2"],["web-3"]]}
                {"event":"action","container":"web-1","action":"restart","status":"ok","millis":310}
                {"event":"action","container":"web-2","action":"restart","status":"ok","millis":320}
                {"event":"action","container":"web-3","action":"restart","status":"ok","millis":300}
                {"event":"result","restart":{"restarted":["web-1","web-2","web-3"],"failed":[],"notRestarted":[],"stoppedEarly":false,"failures":[],"millis":640}}
                """, "");

        assertThat(restart.ok()).isTrue();
        assertThat(restart.error()).isEmpty();
        assertThat(restart.millis()).isEqualTo(1500);
        assertThat(restart.summary()).hasValue(
                new RestartSummary(List.of("web-1", "web-2", "web-3"), List.of(), List.of(), false, List.of(), 640));
        assertThat(restart.restarted()).isEqualTo(3);
        assertThat(passedOn).extracting(AgentEvent::event).containsExactly("rollout", "action", "action", "action", "result");
        assertThat(((AgentEvent.Rollout) passedOn.get(0)).batches()).containsExactly(List.of("web-1", "web-2"), List.of("web-3"));
    }

    @Test
    void outcome_carriesTheScanTheAgentMadeAfterItsRollout() {
        HostRestart restart = run(0, """
                {"event":"rollout","batches":[["web-1"]]}
                {"event":"action","container":"web-1","action":"restart","status":"ok","millis":310}
                {"event":"result","restart":{"restarted":["web-1"],"failed":[],"notRestarted":[],"stoppedEarly":false,"failures":[],"millis":320},"staleAfter":{"apiVersion":"rootfleet/v1","millis":12,"containers":[{"name":"web-1","state":"RUNNING","stale":false}]}}
                """, "");

        assertThat(restart.ok()).isTrue();
        assertThat(restart.scanAfter()).hasValueSatisfying(scan -> {
            assertThat(scan.ok()).isTrue();
            assertThat(scan.host()).isEqualTo("web-a");
            assertThat(scan.containers()).extracting(c -> c.name()).containsExactly("web-1");
            assertThat(scan.staleCount()).isZero();
        });
        assertThat(run(0, """
                {"event":"result","restart":{"restarted":[],"failed":[],"notRestarted":[],"stoppedEarly":false,"failures":[],"millis":1}}
                """, "").scanAfter()).as("an older agent's result").isEmpty();
        assertThat(run(0, """
                {"event":"result","restart":{"restarted":[],"failed":[],"notRestarted":[],"stoppedEarly":false,"failures":[],"millis":1},"staleAfter":{"containers":[{"state":"RUNNING"}]}}
                """, "").scanAfter()).as("a container without a name: scanned again instead").isEmpty();
    }

    @Test
    void outcome_aFailedHealthCheckThatStoppedTheRollout() {
        HostRestart restart = run(1, """
                {"event":"rollout","batches":[["web-1"],["web-2"],["web-3"]]}
                {"event":"action","container":"web-1","action":"restart","status":"failed","millis":2100,"detail":"health check /bin/false failed"}
                {"event":"result","restart":{"restarted":[],"failed":["web-1"],"notRestarted":["web-2","web-3"],"stoppedEarly":true,"failures":[{"container":"web-1","step":"health check","message":"health check /bin/false failed"}],"millis":2200}}
                """, "");

        assertThat(restart.status()).isEqualTo(HostOutcome.Status.FAILED);
        assertThat(restart.error()).hasValue("1 container(s) failed; the rollout stopped at the failure limit, 2 not restarted");
        assertThat(restart.failedContainers()).isEqualTo(1);
        assertThat(restart.summary().orElseThrow().failures())
                .containsExactly(new ContainerFailure("web-1", "health check", "health check /bin/false failed"));
    }

    @Test
    void outcome_someFailedWithoutStopping() {
        HostRestart restart = run(1, """
                {"event":"result","restart":{"restarted":["web-2"],"failed":["web-1"],"notRestarted":[],"stoppedEarly":false,"failures":[{"container":"web-1","step":"start","message":"start failed"}],"millis":900}}
                """, "");

        assertThat(restart.error()).hasValue("1 container(s) failed");
    }

    @Test
    void outcome_anErrorEvent_busyHost() {
        HostRestart restart = run(5, """
                {"event":"error","detail":"another rootfleet-agent run holds the lock /var/lib/rootfleet/lock; try again when it is done","exitCode":5}
                """, "");

        assertThat(restart.status()).isEqualTo(HostOutcome.Status.FAILED);
        assertThat(restart.summary()).isEmpty();
        assertThat(restart.error())
                .hasValue("another rootfleet-agent run holds the lock /var/lib/rootfleet/lock; try again when it is done");
    }

    @Test
    void outcome_garbageAndNoResult() {
        HostRestart quiet = run(0, "hello\n{not json\n", "");
        assertThat(quiet.status()).isEqualTo(HostOutcome.Status.FAILED);
        assertThat(quiet.error()).hasValue("the agent ended without a result");
        assertThat(passedOn).isEmpty();

        assertThat(run(4, "", "Exception in thread \"main\" java.lang.NoClassDefFoundError\n").error())
                .hasValue("the agent exited with status 4: Exception in thread \"main\" java.lang.NoClassDefFoundError");
    }

    @Test
    void outcome_aSummaryLeavingOutItsEmptyLists() {
        HostRestart restart = run(0, "{\"event\":\"result\",\"restart\":{\"restarted\":[\"web-1\"],\"millis\":5}}\n", "");

        assertThat(restart.ok()).isTrue();
        assertThat(restart.summary()).hasValue(new RestartSummary(List.of("web-1"), List.of(), List.of(), false, List.of(), 5));
    }
}
