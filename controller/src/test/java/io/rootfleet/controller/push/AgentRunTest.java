package io.rootfleet.controller.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.playbook.Connection;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.HostKeyPolicy;
import io.rootfleet.controller.ssh.SshClient;
import io.rootfleet.model.AbsolutePath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What `rootfleet apply` and `rootfleet status` ask of every host's agent. */
class AgentRunTest {

    @Test
    void argv_passesTheRollingRestartOptionsAndHealthToEveryHostsAgent() {
        HostConnector connector = new HostConnector(new SshClient(Optional.empty(), Path.of("/nonexistent")),
                new ConnectOptions(Path.of("/nonexistent/known_hosts"), HostKeyPolicy.STRICT, Duration.ofSeconds(1),
                        Duration.ofSeconds(1), Optional.empty()));
        HostSpec host = new HostSpec("web-a", Optional.of("192.0.2.11"), 22, "root", Optional.empty(), Connection.SSH,
                new AbsolutePath("/opt/rootfleet/agent"), new AbsolutePath("/srv/rootfleet"), List.of(), new TreeMap<>());

        assertThat(new AgentRun(connector, Duration.ofSeconds(1)).argv(host, false, false))
                .containsExactly("/opt/rootfleet/agent", "--home", "/srv/rootfleet", "apply", "--json", "-");
        assertThat(new AgentRun(connector, Duration.ofSeconds(1), Optional.of("2"), Optional.of("25%")).argv(host, false, true))
                .containsExactly("/opt/rootfleet/agent", "--home", "/srv/rootfleet", "apply", "--json", "--prune",
                        "--batch", "2", "--max-fail", "25%", "-");
        assertThat(new AgentRun(connector, Duration.ofSeconds(1), Optional.empty(), Optional.of("3")).argv(host, true, false))
                .containsExactly("/opt/rootfleet/agent", "--home", "/srv/rootfleet", "apply", "--json", "--check",
                        "--max-fail", "3", "-");
        assertThat(new AgentStatus(connector, Duration.ofSeconds(1), true).argv(host))
                .containsExactly("/opt/rootfleet/agent", "--home", "/srv/rootfleet", "status", "--json", "--health");
        assertThat(new AgentStatus(connector, Duration.ofSeconds(1)).argv(host))
                .containsExactly("/opt/rootfleet/agent", "--home", "/srv/rootfleet", "status", "--json");
    }
}
