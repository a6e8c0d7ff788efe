package io.rootfleet.controller.fleet;

import static io.rootfleet.controller.fleet.ControllerRun.HEADER;
import static io.rootfleet.controller.fleet.ControllerRun.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.ssh.SshdExtension;
import io.rootfleet.controller.ssh.SshdHarness;
import io.rootfleet.controller.ssh.SshdHost;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hosts that are down, that present another host key, whose agent breaks: the rest of the fleet converges. */
class FleetFailuresIT {
    @RegisterExtension
    final SshdExtension sshd = new SshdExtension(5);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    @Test
    void brokenHosts_othersConvergeAndEachFailureIsReportedWithItsReason() {
        SshdHarness harness = sshd.harness();
        Path brokenAgent = fleet.script("broken-agent", """
                #!/bin/sh
                echo "rootfleet-agent: broken on purpose ($*)" >&2
                exit 4
                """);
        Path playbook = fleet.write("fleet.yml", "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("ok", harness, 0, "all")
                + fleet.sshHost("down", harness, 1, "all")
                + fleet.sshHost("rekeyed", harness, 2, "all")
                + fleet.sshHost("broken", harness, 3, brokenAgent, "all")
                + fleet.sshHost("crashing", harness, 4, "all")
                + SimulatedFleet.CONTAINER_DEFAULTS
                + """
                containers:
                  - name: web-%1$s
                    group: all
                  - name: crash-%1$s
                    host: crashing
                    init: [/nonexistent/init]   # lxc-start fails
                """.formatted(fleet.id()));
        harness.host(1).stop();
        String pinned = harness.host(2).hostKeyFingerprint();
        harness.host(2).regenerateHostKey();

        ControllerRun run = fleet.rootfleet("apply", "--known-hosts", harness.knownHosts().toString(), playbook.toString());

        assertThat(run.exit()).as("a failed host outranks unreachable ones").isEqualTo(1);
        String brokenWhy = "the agent exited with status 4: rootfleet-agent: broken on purpose (--home "
                + fleet.home("broken") + " apply --json -)";
        List<String> report = run.report();
        String crashingRow = row("crashing", "FAILED", 2, 1, 0, 0, "1 container(s) failed");
        assertThat(report.subList(report.indexOf(HEADER), report.indexOf(crashingRow) + 1)).containsExactly(
                HEADER,
                row("ok", "changed", 1, 0, 0, 0, ""),
                row("down", "UNREACHABLE", refused(harness.host(1))),
                row("rekeyed", "UNREACHABLE", changedKey(harness, harness.host(2), pinned)),
                row("broken", "FAILED", brokenWhy),
                crashingRow);
        // the failed container's line, under its host (lxc-start's own lines follow it)
        // the init runs under init.lxc (issue 10), so a missing program is an init that exits right after the start
        assertThat(report.get(report.indexOf(crashingRow) + 1)).startsWith("    " + fleet.name("crash")
                + ": stopped right after it started; its init exited.");
        assertThat(report.get(report.size() - 1))
                .isEqualTo("5 host(s): 1 ok, 2 failed, 2 unreachable; 3 container(s) changed");
        assertThat(report).contains(
                "[down] UNREACHABLE: " + refused(harness.host(1)),
                "[rekeyed] UNREACHABLE: " + changedKey(harness, harness.host(2), pinned),
                "[broken] FAILED: " + brokenWhy,
                "[crashing] FAILED: 1 container(s) failed");

        assertThat(AgentHomes.running(fleet.home("ok"))).containsExactly(fleet.name("web"));
        assertThat(AgentHomes.running(fleet.home("crashing"))).containsExactly(fleet.name("web"));
        assertThat(AgentHomes.containers(fleet.home("crashing"))).containsExactly(fleet.name("crash"), fleet.name("web"));
        for (String untouched : List.of("down", "rekeyed", "broken")) {
            assertThat(fleet.home(untouched)).doesNotExist();
        }
    }

    @Test
    void onlyUnreachableHosts_exitWith3() {
        SshdHarness harness = sshd.harness();
        Path playbook = fleet.write("fleet.yml", "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("down", harness, 0)
                + fleet.sshHost("rekeyed", harness, 1)
                + SimulatedFleet.CONTAINER_DEFAULTS
                + """
                containers:
                  - name: web-%s
                    hosts: [down, rekeyed]
                """.formatted(fleet.id()));
        harness.host(0).stop();
        String pinned = harness.host(1).hostKeyFingerprint();
        harness.host(1).regenerateHostKey();

        ControllerRun run = fleet.rootfleet("apply", "--known-hosts", harness.knownHosts().toString(), playbook.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.report()).endsWith(
                HEADER,
                row("down", "UNREACHABLE", refused(harness.host(0))),
                row("rekeyed", "UNREACHABLE", changedKey(harness, harness.host(1), pinned)),
                "2 host(s): 0 ok, 0 failed, 2 unreachable; 0 container(s) changed");
        assertThat(fleet.home("down")).doesNotExist();
        assertThat(fleet.home("rekeyed")).doesNotExist();
    }

    private static String refused(SshdHost host) {
        return "cannot connect to " + host.address() + ":" + host.port() + ": connection refused; check that the host"
                + " is up and sshd listens on port " + host.port();
    }

    private static String changedKey(SshdHarness harness, SshdHost host, String pinned) {
        return "host key of " + host.address() + ":" + host.port() + " has CHANGED: " + harness.knownHosts() + " pins"
                + " ssh-ed25519 key " + pinned + " but the host presented " + host.hostKeyFingerprint() + ". This is a"
                + " possible man-in-the-middle attack, or the host was reinstalled; refusing to connect"
                + " (--trust-new-hosts does not override this). If you have verified the new key, remove the old one"
                + " (ssh-keygen -R '[" + host.address() + "]:" + host.port() + "' -f " + harness.knownHosts() + ") and"
                + " connect again";
    }
}
