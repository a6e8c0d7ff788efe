package io.rootfleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.ssh.SshdExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An invalid playbook: every problem at its file:line:column, exit 2, and no host contacted. */
class PlaybookErrorsIT {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(1);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    @Test
    void invalidContainers_areEachReportedAndNothingIsSent() {
        Path playbook = fleet.write("fleet.yml", "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("a", SSHD.harness(), 0)      // lines 3 to 9
                + SimulatedFleet.CONTAINER_DEFAULTS            // lines 10 to 12
                + """
                containers:
                  - name: Web_1
                    host: a
                  - name: db
                    host: nosuch
                  - name: cache
                    host: a
                    autostrat: true
                """);

        ControllerRun run = fleet.rootfleet("apply", "--known-hosts", SSHD.harness().knownHosts().toString(),
                playbook.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                playbook + ":14:11: containers[0].name: container name 'Web_1' is not valid; use 1 to 63 lowercase"
                        + " letters, digits and '-', starting and ending with a letter or digit (e.g. web-01)",
                playbook + ":17:11: containers[1].host: unknown host 'nosuch'; known hosts: a",
                playbook + ":20:5: containers[2].autostrat: unknown field; did you mean 'autostart'? Known fields"
                        + " here: allowPrivilegedWithoutAppArmor, autostart, env, files, group, health, hide, host, hostname,"
                        + " hosts, init, limits, mounts, name, network, order, privileged, profile, services, state, stop,"
                        + " template, unhide",
                "3 problem(s); nothing was sent to any host.");
        assertNothingSent();
    }

    @Test
    void invalidHost_isReportedAndNothingIsSent() {
        Path playbook = fleet.write("fleet.yml", "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("a", SSHD.harness(), 0)      // lines 3 to 9
                + """
                  - name: b
                    prot: 22
                    connection: ssh
                  - name: a
                    connection: local
                containers:
                  - name: web
                    hosts: [a, b]
                """);

        ControllerRun run = fleet.rootfleet("apply", "--known-hosts", SSHD.harness().knownHosts().toString(),
                playbook.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                playbook + ":11:5: hosts[1].prot: unknown field. Known fields here: address, agentHome, agentPath,"
                        + " connection, groups, identityFile, labels, name, port, user",
                playbook + ":13:11: hosts[2].name: host 'a' is already declared at line 3; give each host its own name",
                "2 problem(s); nothing was sent to any host.");
        assertNothingSent();
    }

    @Test
    void oneStaticAddressForTwoContainersOnABridge_isReportedWithBothPlacesAndNothingIsSent() {
        Path playbook = fleet.write("fleet.yml", "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("a", SSHD.harness(), 0)      // lines 3 to 9
                + SimulatedFleet.CONTAINER_DEFAULTS            // lines 10 to 12
                + """
                containers:
                  - name: app-{01..12}
                    host: a
                    network: {bridge: br0, ipv4: "10.77.0.{11..22}/24"}
                  - name: db
                    host: a
                    network: {bridge: br0, ipv4: 10.77.0.22/24}
                """);

        ControllerRun run = fleet.rootfleet("apply", "--known-hosts", SSHD.harness().knownHosts().toString(),
                playbook.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                playbook + ":19:34: containers[1].network.ipv4: address 10.77.0.22 on bridge br0 of host a is also"
                        + " given at " + playbook + ":16:34 (containers[0].network.ipv4): db here, app-12 there; give"
                        + " each container on a bridge its own address",
                "1 problem(s); nothing was sent to any host.");
        assertNothingSent();
    }

    /**
     * No agent home, and no SSH client got as far as offering a key since the sshd started (its log does show the
     * harness's own readiness probe, a bare TCP connect).
     */
    private void assertNothingSent() {
        assertThat(fleet.home("a")).doesNotExist();
        assertThat(SSHD.harness().host(0).log()).doesNotContain("publickey");
    }
}
