package io.rootfleet.controller.fleet;

import static io.rootfleet.controller.fleet.ControllerRun.HEADER;
import static io.rootfleet.controller.fleet.ControllerRun.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.ssh.SshdExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Containers a playbook no longer lists: only reported, unless --prune destroys them. */
class PruneIT {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(2);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    private Path playbook(String fileName, String containers) {
        return fleet.write(fileName, "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("a", SSHD.harness(), 0, "all")
                + fleet.sshHost("b", SSHD.harness(), 1, "all")
                + SimulatedFleet.CONTAINER_DEFAULTS
                + "containers:\n" + containers.formatted(fleet.id()));
    }

    @Test
    void removedContainers_areReportedAsUnlistedAndKept_untilPruneDestroysThem() {
        String knownHosts = SSHD.harness().knownHosts().toString();
        Path both = playbook("both.yml", """
                  - name: web-{1..2}-%s
                    group: all
                """);
        // b is named by no entry any more: its desired state is empty
        Path fewer = playbook("fewer.yml", """
                  - name: web-1-%s
                    host: a
                """);
        fleet.applyInThisJvm(both);

        ControllerRun kept = fleet.rootfleet("apply", "--known-hosts", knownHosts, fewer.toString());

        assertThat(kept.exit()).isZero();
        assertThat(kept.report()).endsWith(
                HEADER,
                row("a", "unchanged", 0, 0, 1, 1, ""),
                "    unlisted: " + fleet.name("web-2") + " (not in the playbook; left as it is, --prune destroys it)",
                row("b", "unchanged", 0, 0, 0, 2, ""),
                "    unlisted: " + fleet.name("web-1") + ", " + fleet.name("web-2")
                        + " (not in the playbook; left as they are, --prune destroys them)",
                "2 host(s): 2 ok, 0 failed, 0 unreachable; 0 container(s) changed");
        assertThat(AgentHomes.running(fleet.home("a"))).containsExactly(fleet.name("web-1"), fleet.name("web-2"));
        assertThat(AgentHomes.running(fleet.home("b"))).containsExactly(fleet.name("web-1"), fleet.name("web-2"));

        ControllerRun planned = fleet.rootfleet("apply", "--check", "--known-hosts", knownHosts, fewer.toString());

        assertThat(planned.exit()).isZero();
        assertThat(planned.report()).containsSubsequence(
                "Plan for a:",
                unlisted(fleet.name("web-2")),
                "Plan for b:",
                unlisted(fleet.name("web-1")),
                unlisted(fleet.name("web-2")),
                "",
                HEADER,
                row("a", "planned", 0, 0, 1, 1, ""),
                row("b", "planned", 0, 0, 0, 2, ""),
                "2 host(s): 2 ok, 0 failed, 0 unreachable; 0 container(s) would change");

        ControllerRun pruned = fleet.rootfleet("apply", "--prune", "--known-hosts", knownHosts, fewer.toString());

        assertThat(pruned.exit()).isZero();
        assertThat(pruned.report()).endsWith(
                HEADER,
                row("a", "changed", 1, 0, 1, 0, ""),
                row("b", "changed", 2, 0, 0, 0, ""),
                "2 host(s): 2 ok, 0 failed, 0 unreachable; 3 container(s) changed");
        assertThat(pruned.report()).contains(
                "[a] " + fleet.name("web-2") + " destroy ok",
                "[b] " + fleet.name("web-1") + " destroy ok",
                "[b] " + fleet.name("web-2") + " destroy ok");
        assertThat(AgentHomes.containers(fleet.home("a"))).containsExactly(fleet.name("web-1"));
        assertThat(AgentHomes.running(fleet.home("a"))).containsExactly(fleet.name("web-1"));
        assertThat(AgentHomes.containers(fleet.home("b"))).isEmpty();
        assertThat(fleet.home("a").resolve("containers").resolve(fleet.name("web-2"))).doesNotExist();
        assertThat(fleet.home("b").resolve("containers")).isEmptyDirectory();
    }

    private static String unlisted(String container) {
        return String.format("  ? %-24s %s  (%s)", container, "",
                "not in the desired state; left as it is (destroy it with --prune)");
    }
}
