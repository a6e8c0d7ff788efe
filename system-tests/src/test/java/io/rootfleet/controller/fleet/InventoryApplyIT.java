package io.rootfleet.controller.fleet;

import static io.rootfleet.controller.fleet.ControllerRun.HEADER;
import static io.rootfleet.controller.fleet.ControllerRun.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.ssh.SshdExtension;
import io.rootfleet.controller.ssh.SshdHarness;
import io.rootfleet.controller.ssh.SshdHost;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator's own files: hosts from an Ansible inventory, reached as their ssh config says (aliases, ports, key,
 * known_hosts), with no address, port, key or known_hosts given to rootfleet itself.
 */
class InventoryApplyIT {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(2);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    @Test
    void apply_toTheHostsOfAnInventoryReachedThroughTheSshConfig() {
        SshdHarness sshd = SSHD.harness();
        SshdHost first = sshd.host(0);
        SshdHost second = sshd.host(1);
        Path config = fleet.write("ssh_config", """
                Host web-*
                    User %s
                    IdentityFile %s
                    UserKnownHostsFile %s
                    ForwardAgent no
                Host web-1
                    HostName %s
                    Port %d
                Host web-2
                    HostName %s
                    Port %d
                """.formatted(sshd.user(), sshd.clientKey(), sshd.knownHosts(), first.address(), first.port(),
                second.address(), second.port()));
        fleet.write("hosts.ini", """
                [web]
                web-1 rootfleet_agent_home=%s
                web-2 rootfleet_agent_home=%s http_port=80

                [web:vars]
                rootfleet_agent_path=%s
                """.formatted(fleet.home("web-1"), fleet.home("web-2"), Checkout.agentLauncher()));
        Path playbook = fleet.write("site.yml", "apiVersion: rootfleet/v1\ninventory: hosts.ini\n"
                + SimulatedFleet.CONTAINER_DEFAULTS
                + "containers:\n  - {name: app-%s, group: web}\n".formatted(fleet.id()));

        ControllerRun run = fleet.rootfleet("apply", "--ssh-config", config.toString(), playbook.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err().lines()).containsExactly(
                "rootfleet: inventory " + fleet.dir().resolve("hosts.ini") + ": variables rootfleet does not use,"
                        + " ignored: http_port",
                "rootfleet: not honoured in the ssh config, ignored: ForwardAgent (" + config + ":5)");
        assertThat(run.report()).endsWith(
                HEADER,
                row("web-1", "changed", 1, 0, 0, 0, ""),
                row("web-2", "changed", 1, 0, 0, 0, ""),
                "2 host(s): 2 ok, 0 failed, 0 unreachable; 2 container(s) changed");
        assertThat(AgentHomes.running(fleet.home("web-1"))).containsExactly(fleet.name("app"));
        assertThat(AgentHomes.running(fleet.home("web-2"))).containsExactly(fleet.name("app"));

        ControllerRun limited = fleet.rootfleet("apply", "--ssh-config", config.toString(), "--limit", "web:!web-2",
                playbook.toString());

        assertThat(limited.exit()).isZero();
        assertThat(limited.report()).endsWith(
                HEADER,
                row("web-1", "unchanged", 0, 0, 1, 0, ""),
                "1 host(s): 1 ok, 0 failed, 0 unreachable; 0 container(s) changed");
    }
}
