package io.rootfleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootfleet.controller.ssh.SshdExtension;
import io.rootfleet.controller.ssh.SshdHarness;
import io.rootfleet.controller.ssh.SshdHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code rootfleet patch} over simulated hosts running the real agent. Some containers' init is a copy of
 * {@code sleep} in a test directory of the host's root; the test replaces that file the way dpkg does, which
 * makes exactly those containers stale, on every host at once (the simulated hosts share this machine's root).
 * Each test has its own sshd servers, fleet and test binary, so they run in parallel.
 */
@Order(2) // among the longest: started first (see the failsafe configuration)
@Execution(ExecutionMode.CONCURRENT)
class FleetPatchIT {
    private static final String TABLE_HEADER = String.format("%-20s %-11s %6s %9s %6s %5s %9s  %s", "HOST", "RESULT", "BEFORE",
            "RESTARTED", "FAILED", "AFTER", "TIME", "DETAIL");

    @RegisterExtension
    final SshdExtension sshd = new SshdExtension(3);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    private Path lib;
    private Path sleep;

    @BeforeEach
    void copyTheTestBinary() {
        lib = HostFile.directory(fleet.id());
        sleep = HostFile.copy(Path.of("/usr/bin/sleep"), lib.resolve("sleep"));
    }

    @AfterEach
    void removeTheTestBinary() {
        HostFile.delete(lib);
    }

    /**
     * Hosts a and b (and c when asked): app-1 runs the test binary everywhere (with {@code app1Fields} added),
     * app-2 too but on a only, other runs the host's own sleep everywhere; then {@code moreContainers}.
     */
    private Path playbook(int hosts, String app1Fields, String moreContainers) {
        SshdHarness harness = sshd.harness();
        StringBuilder text = new StringBuilder("apiVersion: rootfleet/v1\nhosts:\n");
        for (int i = 0; i < hosts; i++) {
            text.append(fleet.sshHost(String.valueOf((char) ('a' + i)), harness, i, "all"));
        }
        text.append(SimulatedFleet.CONTAINER_DEFAULTS).append("""
                containers:
                  - name: app-1-%1$s
                    group: all
                    init: [%2$s, infinity]
                %3$s
                  - name: app-2-%1$s
                    host: a
                    init: [%2$s, infinity]
                  - name: other-%1$s
                    group: all
                %4$s
                """.formatted(fleet.id(), sleep, app1Fields, moreContainers));
        return fleet.write("fleet.yml", text.toString());
    }

    private String knownHosts() {
        return sshd.harness().knownHosts().toString();
    }

    @Test
    void check_reportsTheStaleContainersOfEveryHost_andWhatOwnLayersHide_andRestartsNothing_thenPatchRestartsExactlyThose() {
        Path playbook = playbook(2, "", """
                  - name: shadow-%s
                    host: a
                """.formatted(fleet.id()));
        fleet.applyInThisJvm(playbook);
        // copied up into its own layer: it hides the host's file from then on (the host's stays as it is)
        ControllerRun write = fleet.rootfleet("exec", "--known-hosts", knownHosts(), playbook.toString(),
                "a/" + fleet.name("shadow"), "--", "/bin/sh", "-c", "echo rf-it > /etc/debian_version");
        assertThat(write.exit()).as("exec").isZero();
        Map<String, Integer> pids = initPids("a", "b");
        HostFile.replace(sleep);

        ControllerRun check = fleet.rootfleet("patch", "--check", "--known-hosts", knownHosts(), playbook.toString());

        assertThat(check.exit()).isZero();
        List<String> out = check.report();
        String hides = "  ! " + fleet.name("shadow") + ": its own layer hides 1 host system file(s), which host updates will"
                + " not reach: /etc/debian_version";
        assertThat(out).containsSubsequence(
                "a: 2 of 4 running container(s) stale",
                hides,
                "b: 1 of 2 running container(s) stale");
        assertThat(staleLines(out)).containsExactlyInAnyOrder(
                "  " + fleet.name("app-1") + ": " + sleep + " (",
                "  " + fleet.name("app-2") + ": " + sleep + " (",
                "  " + fleet.name("app-1") + ": " + sleep + " (");
        assertThat(out).anyMatch(line -> line.startsWith("  " + fleet.name("app-1") + ": " + sleep + " (")
                && line.endsWith(" — sleep"));
        assertThat(out).endsWith(
                TABLE_HEADER,
                row("a", "stale", 2, "-", "-", 2, ""),
                row("b", "stale", 1, "-", "-", 1, ""),
                "stale: 3 on 2 hosts; nothing restarted (--check)",
                "2 host(s): 2 stale");
        assertThat(initPids("a", "b")).isEqualTo(pids);

        ControllerRun status = fleet.rootfleet("status", "--known-hosts", knownHosts(), playbook.toString());
        assertThat(status.exit()).isZero();
        assertThat(staleColumn(status)).containsExactly(
                "a " + fleet.name("app-1") + " yes 0", "a " + fleet.name("app-2") + " yes 0", "a " + fleet.name("other") + " no 0",
                "a " + fleet.name("shadow") + " no 1", "b " + fleet.name("app-1") + " yes 0", "b " + fleet.name("other") + " no 0");
        assertThat(status.report()).endsWith(
                "note: a/" + fleet.name("shadow") + ": its own layer hides 1 host system file(s), which host updates will not"
                        + " reach: /etc/debian_version",
                "note: 3 container(s) still run files their host has replaced since they started; rootfleet patch restarts"
                        + " them");

        ControllerRun json = fleet.rootfleet("patch", "--check", "--json", "--known-hosts", knownHosts(), playbook.toString());
        assertThat(json.exit()).isZero();
        JsonNode doc = json.json();
        assertThat(doc.get("check").asBoolean()).isTrue();
        assertThat(doc.get("exitCode").asInt()).isZero();
        assertThat(doc.get("staleBefore").asInt()).isEqualTo(3);
        JsonNode a = doc.get("hosts").get(0);
        assertThat(a.get("status").asText()).isEqualTo("stale");
        JsonNode staleApp = stream(a.get("before").get("containers"))
                .filter(c -> c.get("name").asText().equals(fleet.name("app-1"))).findFirst().orElseThrow();
        assertThat(staleApp.get("stale").asBoolean()).isTrue();
        assertThat(staleApp.get("staleFiles").get(0).get("path").asText()).isEqualTo(sleep.toString());
        assertThat(json.err()).contains("a: 2 of 4 running container(s) stale");
        assertThat(initPids("a", "b")).isEqualTo(pids);

        // what the check reported is what patch restarts; a second patch finds nothing stale
        ControllerRun patch = fleet.rootfleet("patch", "--known-hosts", knownHosts(), playbook.toString());

        assertThat(patch.exit()).isZero();
        List<String> patched = patch.report();
        assertThat(patched).contains("host batch 1 of 1: a, b", "[a] done in <ms>", "[b] done in <ms>",
                "[a] " + fleet.name("app-1") + " restart ok", "[a] " + fleet.name("app-2") + " restart ok",
                "[b] " + fleet.name("app-1") + " restart ok");
        assertThat(patched).noneMatch(line -> line.contains(fleet.name("other") + " restart")
                || line.contains(fleet.name("shadow") + " restart"));
        assertThat(patched).endsWith(
                TABLE_HEADER,
                row("a", "patched", 2, 2, 0, 0, ""),
                row("b", "patched", 1, 1, 0, 0, ""),
                "stale: 3 -> 0 on 2 hosts",
                "2 host(s): 2 patched; 3 container(s) restarted");
        Map<String, Integer> after = initPids("a", "b");
        for (String stale : List.of("a/" + fleet.name("app-1"), "a/" + fleet.name("app-2"), "b/" + fleet.name("app-1"))) {
            assertThat(after.get(stale)).as(stale).isNotNull().isNotEqualTo(pids.get(stale));
        }
        for (String untouched : List.of("a/" + fleet.name("other"), "a/" + fleet.name("shadow"), "b/" + fleet.name("other"))) {
            assertThat(after.get(untouched)).as(untouched).isEqualTo(pids.get(untouched));
        }

        ControllerRun again = fleet.rootfleet("patch", "--known-hosts", knownHosts(), playbook.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.report()).endsWith(
                TABLE_HEADER,
                row("a", "clean", 0, "-", "-", 0, ""),
                row("b", "clean", 0, "-", "-", 0, ""),
                "stale: 0 -> 0 on 2 hosts",
                "2 host(s): 2 clean; 0 container(s) restarted");
        assertThat(initPids("a", "b")).isEqualTo(after);
    }

    @Test
    void aHostDown_isReportedUnreachable_andTheOthersArePatched() {
        fleet.applyInThisJvm(playbook(2, "", ""));
        // c joins the playbook down: it never got to run anything
        Path playbook = playbook(3, "", "");
        SshdHost c = sshd.harness().host(2);
        c.stop();
        HostFile.replace(sleep);

        ControllerRun patch = fleet.rootfleet("patch", "--known-hosts", knownHosts(), playbook.toString());

        assertThat(patch.exit()).as("only unreachable").isEqualTo(3);
        assertThat(patch.report()).contains("c: UNREACHABLE: " + refused(c)).endsWith(
                TABLE_HEADER,
                row("a", "patched", 2, 2, 0, 0, ""),
                row("b", "patched", 1, 1, 0, 0, ""),
                row("c", "UNREACHABLE", "-", "-", "-", "-", refused(c)),
                "stale: 3 -> 0 on 2 hosts",
                "3 host(s): 2 patched, 1 unreachable; 3 container(s) restarted");
    }

    @Test
    void serialOne_aFailedHealthCheckStopsTheRollout_laterHostsAreNotTouched() {
        Path healthy = HostFile.script(lib.resolve("healthy"), "#!/bin/sh\nexit 0\n");
        Path playbook = playbook(2, "    health: {command: [%s], retries: 0, timeout: 1s}".formatted(healthy), "");
        fleet.applyInThisJvm(playbook);
        Map<String, Integer> pids = initPids("a", "b");
        HostFile.replace(sleep);
        HostFile.script(healthy, "#!/bin/sh\nexit 1\n");

        // each host's agent: one container at a time, and stop at its first failure
        ControllerRun patch = fleet.rootfleet("patch", "--serial", "1", "--batch", "1", "--max-fail", "1", "--known-hosts",
                knownHosts(), playbook.toString());

        assertThat(patch.exit()).isEqualTo(1);
        String stopped = "the rollout stopped after host batch 1 of 2: 1 of 1 host(s) failed (100%), more than"
                + " --max-fail-percentage 0 allows; not touched: b";
        List<String> out = patch.report();
        assertThat(out).contains("host batch 1 of 2: a", stopped).doesNotContain("host batch 2 of 2: b")
                .noneMatch(line -> line.startsWith("[b]"));
        String notTouched = "not touched: the rollout stopped before this host";
        String aFailed = row("a", "FAILED", 2, 0, 1, 1,
                "1 container(s) failed; the rollout stopped at the failure limit, 1 not restarted");
        assertThat(out.subList(out.indexOf(TABLE_HEADER), out.size())).startsWith(TABLE_HEADER, aFailed)
                .endsWith(
                        "    not restarted: " + fleet.name("app-2"),
                        row("b", "NOT PATCHED", 1, "-", "-", 1, notTouched),
                        stopped,
                        "stale: 3 -> 2 on 2 hosts",
                        "2 host(s): 1 not patched, 1 failed; 0 container(s) restarted, 1 failed");
        assertThat(out.get(out.indexOf(aFailed) + 1)).startsWith("    " + fleet.name("app-1") + ": ");
        Map<String, Integer> after = initPids("a", "b");
        assertThat(after.get("a/" + fleet.name("app-1"))).isNotEqualTo(pids.get("a/" + fleet.name("app-1")));
        assertThat(after.get("b/" + fleet.name("app-1"))).isEqualTo(pids.get("b/" + fleet.name("app-1")));
    }

    @Test
    void heldContainers_areNotRestarted_reportedPerHost_andAHostWithOnlyHeldOnesIsHeld() {
        Path playbook = playbook(2, "", "");
        fleet.applyInThisJvm(playbook);
        String app1 = fleet.name("app-1");
        SimulatedFleet.agentInThisJvm(fleet.home("a"), "hold", app1, "--reason", "schema migration");
        SimulatedFleet.agentInThisJvm(fleet.home("b"), "hold", "--reason", "kernel test");
        Map<String, Integer> pids = initPids("a", "b");
        HostFile.replace(sleep);

        ControllerRun patch = fleet.rootfleet("patch", "--known-hosts", knownHosts(), playbook.toString());

        assertThat(patch.exit()).as(patch.out() + patch.err()).isZero();
        List<String> out = patch.report();
        List<String> table = out.subList(out.indexOf(TABLE_HEADER), out.size());
        assertThat(table.get(1)).isEqualTo(row("a", "patched", 2, 1, 0, 1, "held, not restarted: " + app1));
        assertThat(table.get(2)).startsWith("    " + app1 + ": held, not restarted (schema migration, held by ");
        assertThat(table.get(3)).isEqualTo(row("b", "held", 1, 0, 0, 1, "held, not restarted: " + app1));
        assertThat(table.get(4)).startsWith("    " + app1 + ": held, not restarted (the host is held: kernel test, held by ");
        assertThat(table.subList(5, table.size())).containsExactly("stale: 3 -> 2 on 2 hosts",
                "2 host(s): 1 patched, 1 held; 1 container(s) restarted, 2 held, not restarted");
        Map<String, Integer> after = initPids("a", "b");
        assertThat(after.get("a/" + app1)).as("held").isEqualTo(pids.get("a/" + app1));
        assertThat(after.get("b/" + app1)).as("host held").isEqualTo(pids.get("b/" + app1));
        assertThat(after.get("a/" + fleet.name("app-2"))).as("stale, not held").isNotEqualTo(pids.get("a/" + fleet.name("app-2")));

        ControllerRun status = fleet.rootfleet("status", "--audit", "--known-hosts", knownHosts(), playbook.toString());
        assertThat(status.exit()).as(status.out() + status.err()).isZero();
        assertThat(status.report()).anyMatch(l -> l.startsWith("HELD a/" + app1 + ": schema migration ("))
                .anyMatch(l -> l.startsWith("HELD b/" + app1 + ": host held: kernel test ("))
                .anyMatch(l -> l.matches("a +last change: \\S+ .* restart --stale --json( --stop-on-stdin-eof)? -> OK \\(0\\)"))
                .anyMatch(l -> l.matches("b +last change: \\S+ .* restart --stale --json( --stop-on-stdin-eof)? -> OK \\(0\\)"));
    }

    /** A table row with the time masked, as {@link ControllerRun#report()} shows it. */
    private static String row(String host, String result, Object before, Object restarted, Object failed, Object after,
            String detail) {
        return (String.format("%-20s %-11s %6s %9s %6s %5s", host, result, before, restarted, failed, after) + " <ms>  " + detail)
                .stripTrailing();
    }

    /** The stale-file lines of a scan, up to the reason. */
    private static List<String> staleLines(List<String> out) {
        return out.stream().filter(line -> line.startsWith("  ") && line.contains(" (") && !line.startsWith("  !"))
                .map(line -> line.substring(0, line.indexOf(" (") + 2)).toList();
    }

    /** HOST CONTAINER STALE SHADOWS for each row of {@code rootfleet status} (HEALTH is the fifth column). */
    private static List<String> staleColumn(ControllerRun status) {
        List<String> lines = status.report();
        return lines.subList(1, lines.size()).stream().filter(line -> !line.startsWith("note: ")).map(line -> {
            String[] columns = line.split(" +");
            return columns[0] + " " + columns[1] + " " + columns[5] + " " + columns[6];
        }).toList();
    }

    /** Init PIDs by HOST/CONTAINER. */
    private Map<String, Integer> initPids(String... hosts) {
        Map<String, Integer> pids = new TreeMap<>();
        for (String host : hosts) {
            for (String name : AgentHomes.containers(fleet.home(host))) {
                pids.put(host + "/" + name, AgentHomes.initPid(fleet.home(host), name));
            }
        }
        return pids;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static String refused(SshdHost host) {
        return "cannot connect to " + host.address() + ":" + host.port() + ": connection refused; check that the host"
                + " is up and sshd listens on port " + host.port();
    }
}
