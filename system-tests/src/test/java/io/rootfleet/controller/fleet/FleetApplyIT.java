package io.rootfleet.controller.fleet;

import static io.rootfleet.controller.fleet.ControllerRun.HEADER;
import static io.rootfleet.controller.fleet.ControllerRun.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootfleet.controller.ssh.SshdExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The controller against three simulated hosts: real sshd servers on loopback, each running the real agent. */
@Order(4) // among the longest: started early (see the failsafe configuration)
class FleetApplyIT {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(3);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    /** Hosts a and b run web-1 and web-2; c runs them and db too. */
    private Path playbook() {
        return fleet.write("fleet.yml", "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("a", SSHD.harness(), 0, "all", "front")
                + fleet.sshHost("b", SSHD.harness(), 1, "all", "front")
                + fleet.sshHost("c", SSHD.harness(), 2, "all")
                + SimulatedFleet.CONTAINER_DEFAULTS
                + """
                containers:
                  - name: web-{1..2}-%1$s
                    group: all
                  - name: db-%1$s
                    host: c
                """.formatted(fleet.id()));
    }

    private String knownHosts() {
        return SSHD.harness().knownHosts().toString();
    }

    @Test
    void apply_convergesEveryHostInParallel_andASecondApplyChangesNothingAndKeepsEveryInit() {
        Path playbook = playbook();
        ControllerRun run = fleet.rootfleet("apply", "--known-hosts", knownHosts(), playbook.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.report()).endsWith(
                HEADER,
                row("a", "changed", 2, 0, 0, 0, ""),
                row("b", "changed", 2, 0, 0, 0, ""),
                row("c", "changed", 3, 0, 0, 0, ""),
                "3 host(s): 3 ok, 0 failed, 0 unreachable; 7 container(s) changed");
        assertProgress(run, "a", 2, fleet.name("web-1"), fleet.name("web-2"));
        assertProgress(run, "b", 2, fleet.name("web-1"), fleet.name("web-2"));
        assertProgress(run, "c", 3, fleet.name("db"), fleet.name("web-1"), fleet.name("web-2"));
        // every host was started before any finished: the agents ran side by side
        List<String> progress = run.report();
        int lastConnect = List.of("a", "b", "c").stream().mapToInt(h -> progress.indexOf("[" + h + "] connecting")).max().orElseThrow();
        int firstDone = indexOfFirst(progress, line -> line.endsWith("] done in <ms>"));
        assertThat(lastConnect).isLessThan(firstDone);

        assertThat(AgentHomes.running(fleet.home("a"))).containsExactly(fleet.name("web-1"), fleet.name("web-2"));
        assertThat(AgentHomes.running(fleet.home("b"))).containsExactly(fleet.name("web-1"), fleet.name("web-2"));
        assertThat(AgentHomes.running(fleet.home("c")))
                .containsExactly(fleet.name("db"), fleet.name("web-1"), fleet.name("web-2"));

        Map<String, Map<String, Integer>> pidsBefore = initPids("a", "b", "c");

        ControllerRun second = fleet.rootfleet("apply", "--known-hosts", knownHosts(), playbook.toString());

        assertThat(second.exit()).isZero();
        assertThat(second.report()).endsWith(
                HEADER,
                row("a", "unchanged", 0, 0, 2, 0, ""),
                row("b", "unchanged", 0, 0, 2, 0, ""),
                row("c", "unchanged", 0, 0, 3, 0, ""),
                "3 host(s): 3 ok, 0 failed, 0 unreachable; 0 container(s) changed");
        assertThat(second.report()).contains("[a] up to date", "[b] up to date", "[c] up to date");
        assertThat(second.report()).noneMatch(line -> line.contains(" create ") || line.contains(" start "));
        assertThat(initPids("a", "b", "c")).isEqualTo(pidsBefore);
        assertThat(pidsBefore.get("c")).hasSize(3).doesNotContainValue(null);
    }

    @Test
    void check_changesNothingAndShowsEachHostsPlan() {
        ControllerRun run = fleet.rootfleet("apply", "--check", "--known-hosts", knownHosts(), playbook().toString());

        assertThat(run.exit()).isZero();
        String web1 = planLine(fleet.name("web-1"));
        String web2 = planLine(fleet.name("web-2"));
        assertThat(run.report()).endsWith(
                "Plan for a:", web1, web2,
                "Plan for b:", web1, web2,
                "Plan for c:", planLine(fleet.name("db")), web1, web2,
                "",
                HEADER,
                row("a", "planned", 2, 0, 0, 0, ""),
                row("b", "planned", 2, 0, 0, 0, ""),
                row("c", "planned", 3, 0, 0, 0, ""),
                "3 host(s): 3 ok, 0 failed, 0 unreachable; 7 container(s) would change");
        assertThat(run.report()).contains("[a] 2 container(s) to change (check)", "[c] 3 container(s) to change (check)");
        for (String host : List.of("a", "b", "c")) {
            assertThat(fleet.home(host).resolve("containers")).doesNotExist();
        }
        assertThat(AgentHomes.mountsUnder(fleet.dir())).isEmpty();
    }

    @Test
    void limit_appliesToTheNamedHostsAndGroupsOnly() {
        ControllerRun run = fleet.rootfleet("apply", "--limit", "front", "--known-hosts", knownHosts(),
                playbook().toString());

        assertThat(run.exit()).isZero();
        assertThat(run.report()).endsWith(
                HEADER,
                row("a", "changed", 2, 0, 0, 0, ""),
                row("b", "changed", 2, 0, 0, 0, ""),
                "2 host(s): 2 ok, 0 failed, 0 unreachable; 4 container(s) changed");
        assertThat(run.report()).noneMatch(line -> line.startsWith("[c]") || line.startsWith("c "));
        assertThat(AgentHomes.running(fleet.home("a"))).containsExactly(fleet.name("web-1"), fleet.name("web-2"));
        assertThat(AgentHomes.running(fleet.home("b"))).containsExactly(fleet.name("web-1"), fleet.name("web-2"));
        assertThat(fleet.home("c")).doesNotExist();
    }

    @Test
    void limit_namingNoHostOrGroup_isInvalidAndSendsNothing() {
        ControllerRun run = fleet.rootfleet("apply", "--limit", "c,back", "--known-hosts", knownHosts(),
                playbook().toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "--limit: 'back' is neither a host nor a group of this playbook; known hosts: a, b, c; known groups:"
                        + " all, front",
                "1 problem(s); nothing was sent to any host.");
        assertThat(fleet.home("c")).doesNotExist();
    }

    @Test
    void json_printsOneDocumentWithEachHostsStatus() {
        ControllerRun run = fleet.rootfleet("apply", "--json", "--known-hosts", knownHosts(), playbook().toString());

        assertThat(run.exit()).isZero();
        JsonNode doc = run.json();
        assertThat(doc.get("check").asBoolean()).isFalse();
        assertThat(doc.get("exitCode").asInt()).isZero();
        List<JsonNode> hosts = StreamSupport.stream(doc.get("hosts").spliterator(), false).toList();
        assertThat(hosts).extracting(h -> h.get("host").asText()).containsExactly("a", "b", "c");
        assertThat(hosts).extracting(h -> h.get("status").asText()).containsOnly("ok");
        assertThat(hosts).allSatisfy(h -> {
            assertThat(h.has("error")).isFalse();
            assertThat(h.get("millis").asLong()).isPositive();
        });
        assertThat(hosts).extracting(h -> h.get("summary").get("changed").asInt()).containsExactly(2, 2, 3);
        assertThat(hosts).extracting(h -> h.get("summary").get("failed").asInt()).containsOnly(0);
        JsonNode planOfC = hosts.get(2).get("plan");
        assertThat(StreamSupport.stream(planOfC.spliterator(), false).map(p -> p.get("container").asText()
                + " " + p.get("verdict").asText() + " " + p.get("actions")).toList())
                .containsExactly(fleet.name("db") + " change [\"create\",\"start\"]",
                        fleet.name("web-1") + " change [\"create\",\"start\"]",
                        fleet.name("web-2") + " change [\"create\",\"start\"]");
        // progress goes to stderr, so that stdout is the document alone
        assertThat(run.progress()).contains("[a] connecting", "[c] 3 container(s) to change", "[c] done in <ms>");
        assertThat(AgentHomes.running(fleet.home("c"))).hasSize(3);
    }

    private static String planLine(String container) {
        return String.format("  + %-24s %s  (%s)", container, "create, start", "new container");
    }

    /** One host's progress lines: connect, plan, mounts, its actions in any order, done. */
    private void assertProgress(ControllerRun run, String host, int changes, String... containers) {
        String prefix = "[" + host + "] ";
        List<String> lines = run.report().stream().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length())).toList();
        Path home = fleet.home(host);
        List<String> actions = new ArrayList<>();
        for (String container : containers) {
            actions.add(container + " create ok");
            actions.add(container + " start ok");
        }
        assertThat(lines).hasSize(4 + actions.size());
        assertThat(lines.subList(0, 3)).containsExactly(
                "connecting",
                changes + " container(s) to change",
                "bound / read-only at " + home.resolve("root") + "; mounted mask tmpfs at " + home.resolve("mask"));
        assertThat(lines.subList(3, lines.size() - 1)).containsExactlyInAnyOrderElementsOf(actions);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("done in <ms>");
    }

    private Map<String, Map<String, Integer>> initPids(String... hosts) {
        Map<String, Map<String, Integer>> pids = new TreeMap<>();
        for (String host : hosts) {
            Map<String, Integer> ofHost = new TreeMap<>();
            AgentHomes.containers(fleet.home(host)).forEach(name -> ofHost.put(name, AgentHomes.initPid(fleet.home(host), name)));
            pids.put(host, ofHost);
        }
        return pids;
    }

    private static int indexOfFirst(List<String> lines, java.util.function.Predicate<String> match) {
        for (int i = 0; i < lines.size(); i++) {
            if (match.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in " + lines);
    }
}
