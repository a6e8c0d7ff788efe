package io.rootfleet.controller.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.playbook.Connection;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.FileUpload;
import io.rootfleet.controller.ssh.HostKeyPolicy;
import io.rootfleet.controller.ssh.LineListener;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.SshClient;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.report.AgentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code rootfleet status} asks each agent for its status and its plan in one run ({@code status --json --plan -}). */
class AgentStatusPlanTest {
    private static final HostSpec HOST = new HostSpec("web-a", Optional.of("192.0.2.11"), 22, "root", Optional.empty(),
            Connection.SSH, new AbsolutePath("/opt/rootfleet/agent"), new AbsolutePath("/srv/rootfleet"), List.of(), new TreeMap<>());

    private final AgentStatus status = new AgentStatus(new HostConnector(new SshClient(Optional.empty(), Path.of("/nonexistent")),
            new ConnectOptions(Path.of("/nonexistent/known_hosts"), HostKeyPolicy.STRICT, Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Optional.empty())), Duration.ofSeconds(1));

    @Test
    void queryWithPlan_sendsTheDesiredState_andReadsTheContainersAndThePlan() {
        Scripted host = new Scripted(0, """
                {"apiVersion":"rootfleet/v1","containers":[{"name":"web-1","desired":"started","state":"RUNNING","inSync":true}],\
                "plan":[{"container":"web-1","verdict":"up-to-date","actions":[]},{"container":"web-2","verdict":"change","actions":["create","start"]}]}
                """, "");

        AgentStatus.HostStatus answer = status.queryWithPlan(host, HOST, new DesiredState(List.of())).orElseThrow();

        assertThat(host.argv).containsExactly("/opt/rootfleet/agent", "--home", "/srv/rootfleet", "status", "--json", "--plan", "-");
        assertThat(host.stdin).startsWith("{").contains("\"containers\":[]");
        assertThat(answer.status()).isEqualTo(HostOutcome.Status.OK);
        assertThat(answer.containers()).extracting(c -> c.name()).containsExactly("web-1");
        assertThat(answer.plan()).hasValueSatisfying(plan -> assertThat(plan).containsExactly(
                new AgentEvent.PlannedContainer("web-1", "up-to-date", List.of(), null),
                new AgentEvent.PlannedContainer("web-2", "change", List.of("create", "start"), null)));
    }

    @Test
    void queryWithPlan_fromAnAgentOlderThanPlan_isEmpty_soTheCallerAsksTheOldWay() {
        Scripted host = new Scripted(2, "", "rootfleet-agent: Unknown option: '--plan'\n");

        assertThat(status.queryWithPlan(host, HOST, new DesiredState(List.of()))).isEmpty();
    }

    @Test
    void queryWithPlan_thatFailsOtherwise_isTheFailure() {
        Scripted host = new Scripted(4, "", "rootfleet-agent: must run as root\n");

        AgentStatus.HostStatus answer = status.queryWithPlan(host, HOST, new DesiredState(List.of())).orElseThrow();

        assertThat(answer.status()).isEqualTo(HostOutcome.Status.FAILED);
        assertThat(answer.plan()).isEmpty();
    }

    /** A host whose agent answers one command as told. */
    private static final class Scripted implements RemoteHost {
        final int exit;
        final String stdout;
        final String stderr;
        List<String> argv = new ArrayList<>();
        String stdin;

        Scripted(int exit, String stdout, String stderr) {
            this.exit = exit;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String name() {
            return "web-a";
        }

        @Override
        public CommandResult run(List<String> argv, InputStream stdin, Duration timeout, LineListener stdoutLines) {
            this.argv = argv;
            try {
                this.stdin = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stdout.lines().forEach(stdoutLines::onLine);
            return new CommandResult(argv, "root@web-a:22", exit, stdout, stderr);
        }

        @Override
        public void upload(List<FileUpload> files) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }
}
