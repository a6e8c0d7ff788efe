package io.rootfleet.controller.fleet;

import static io.rootfleet.controller.fleet.ControllerRun.HEADER;
import static io.rootfleet.controller.fleet.ControllerRun.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.ssh.SshdExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code connection: local}: the agent runs on this machine without SSH, also next to SSH hosts. */
@Order(7) // among the longest: started early (see the failsafe configuration)
class LocalConnectionIT {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(1);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    /** What bin/rootfleet passes, and failsafe too: the checkout whose agent a local host falls back to. */
    @BeforeAll
    static void runFromTheCheckout() {
        if (System.getProperty("rootfleet.checkout") == null) {
            System.setProperty("rootfleet.checkout", Checkout.dir().toString());
        }
    }

    @Test
    void localHosts_convergeWithoutSsh() {
        // "here" names an agent that is not installed: the controller runs the one of its checkout instead
        Path playbook = fleet.write("local.yml", """
                apiVersion: rootfleet/v1
                hosts:
                  - name: here
                    connection: local
                    agentPath: /nonexistent/rootfleet-agent
                    agentHome: %s
                  - name: there
                    connection: local
                    agentPath: %s
                    agentHome: %s
                %s
                containers:
                  - name: web-{1..2}-%s
                    hosts: [here, there]
                """.formatted(fleet.home("here"), Checkout.agentLauncher(), fleet.home("there"),
                SimulatedFleet.CONTAINER_DEFAULTS, fleet.id()));

        ControllerRun run = fleet.rootfleet("apply", playbook.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.report()).endsWith(
                HEADER,
                row("here", "changed", 2, 0, 0, 0, ""),
                row("there", "changed", 2, 0, 0, 0, ""),
                "2 host(s): 2 ok, 0 failed, 0 unreachable; 4 container(s) changed");
        for (String host : new String[] {"here", "there"}) {
            assertThat(AgentStatus.of(fleet.home(host)).values())
                    .extracting(s -> s.name() + " " + s.state() + " " + s.inSync())
                    .containsExactly(fleet.name("web-1") + " RUNNING true", fleet.name("web-2") + " RUNNING true");
        }
    }

    @Test
    void launcher_appliesToSshAndLocalHostsAndPassesExitCodesOn() {
        Path playbook = fleet.write("mixed.yml", "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("remote", SSHD.harness(), 0)
                + """
                  - name: here
                    connection: local
                    agentPath: %s
                    agentHome: %s
                %s
                containers:
                  - name: web-%s
                    hosts: [remote, here]
                """.formatted(Checkout.agentLauncher(), fleet.home("here"), SimulatedFleet.CONTAINER_DEFAULTS, fleet.id()));

        ControllerRun run = fleet.launcher("apply", "--known-hosts", SSHD.harness().knownHosts().toString(),
                playbook.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.report()).endsWith(
                HEADER,
                row("remote", "changed", 1, 0, 0, 0, ""),
                row("here", "changed", 1, 0, 0, 0, ""),
                "2 host(s): 2 ok, 0 failed, 0 unreachable; 2 container(s) changed");
        assertThat(AgentHomes.running(fleet.home("remote"))).containsExactly(fleet.name("web"));
        assertThat(AgentHomes.running(fleet.home("here"))).containsExactly(fleet.name("web"));

        Path missing = fleet.dir().resolve("missing.yml");
        ControllerRun invalid = fleet.launcher("apply", missing.toString());

        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.out()).isEmpty();
        assertThat(invalid.err().lines()).containsExactly(
                missing + ": no such file; check the playbook's path",
                "1 problem(s); nothing was sent to any host.");
    }
}
