package io.rootfleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.ssh.SshdExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code rootfleet teardown}: each host's agent takes its home apart, over SSH and locally, in parallel. */
class FleetTeardownIT {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(2);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    @Test
    void teardown_leavesNoContainerAndNoMountOnAnyHost_limitKeepsTheOthers() {
        Path playbook = fleet.write("teardown.yml", "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("a", SSHD.harness(), 0)
                + fleet.sshHost("b", SSHD.harness(), 1) + fleet.localHost("here") + SimulatedFleet.CONTAINER_DEFAULTS
                + "containers:\n  - {name: 'web-{1..2}-" + fleet.id() + "', hosts: [a, b, here]}\n");
        String knownHosts = SSHD.harness().knownHosts().toString();
        fleet.applyInThisJvm(playbook);

        ControllerRun refused = fleet.rootfleet("teardown", "--known-hosts", knownHosts, playbook.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("add --yes");
        assertThat(AgentHomes.running(fleet.home("a"))).hasSize(2);

        ControllerRun limited = fleet.rootfleet("teardown", "--known-hosts", knownHosts, "--limit", "a", "--yes",
                playbook.toString());
        assertThat(limited.exit()).isZero();
        assertThat(AgentHomes.containers(fleet.home("a"))).isEmpty();
        assertThat(AgentHomes.mountsUnder(fleet.home("a"))).isEmpty();
        assertThat(AgentHomes.running(fleet.home("b"))).hasSize(2);

        ControllerRun all = fleet.rootfleet("teardown", "--known-hosts", knownHosts, "--yes", "--purge", playbook.toString());

        assertThat(all.exit()).isZero();
        assertThat(all.report()).hasSize(3);
        assertThat(all.report().get(0)).startsWith(String.format("%-20s %-11s ", "a", "OK")).contains("deleted " + fleet.home("a"));
        assertThat(all.report().get(1)).startsWith(String.format("%-20s %-11s ", "b", "OK"))
                .contains("destroyed " + fleet.name("web-1"), "deleted " + fleet.home("b"));
        assertThat(all.report().get(2)).startsWith(String.format("%-20s %-11s ", "here", "OK"));
        for (String host : new String[] {"a", "b", "here"}) {
            assertThat(AgentHomes.mountsUnder(fleet.home(host))).as(host).isEmpty();
            assertThat(fleet.home(host)).as(host).doesNotExist();
        }
    }
}
