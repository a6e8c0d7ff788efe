package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.agent.metrics.PrometheusTextParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Holds, the audit log and the metrics against real containers: a held container is never restarted by
 * {@code restart --stale} (same init PID) while the other stale one is; every change adds one audit line; the
 * metrics parse as the Prometheus text format and say what the host is. The replaced program is a copy of sleep in
 * this test's own directory under /usr/local/lib, replaced the way dpkg replaces files.
 */
class HoldAuditMetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestHome t;
    private Path binDir;
    private Path program;
    private Path textfileDir;

    @BeforeEach
    void setUp() throws IOException {
        t = new TestHome();
        binDir = Path.of("/usr/local/lib").resolve("rf-it-" + t.id);
        t.onClose(() -> removeFiles(binDir));
        Files.createDirectories(binDir);
        program = binDir.resolve("rf-sleep");
        Files.copy(Path.of("/usr/bin/sleep"), program, StandardCopyOption.COPY_ATTRIBUTES);
        textfileDir = Files.createTempDirectory(Path.of("/tmp"), "rf-it-" + t.id + "-textfile");
        t.onClose(() -> removeFiles(textfileDir));
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void aHeldContainer_isNeverRestartedByRestartStale_whileTheOtherStaleOneIs_andEveryChangeIsAudited() throws IOException {
        String held = t.name("rf-h12a-held");
        String free = t.name("rf-h12a-free");
        String other = t.name("rf-h12a-other");
        TestHome.Run applied = t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, init: [%s, infinity], stop: {timeout: 0}}
                  - {name: %s, init: [%s, infinity], stop: {timeout: 0}}
                  - {name: %s, init: [/usr/bin/sleep, infinity], stop: {timeout: 0}}
                """.formatted(held, program, free, program, other));
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        List<JsonNode> audit = audit();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("command").asText()).isEqualTo("apply");
        assertThat(names(audit.get(0).path("changed").path("created"))).containsExactlyInAnyOrder(held, free, other);
        assertThat(audit.get(0).path("result").asText()).isEqualTo("OK");
        assertThat(audit.get(0).path("who").asText()).startsWith("local ").doesNotContain("from");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(t.home.auditLog()))).isEqualTo("rw-------");

        TestHome.Run hold = t.agent("hold", held, "--reason", "schema migration until Friday");
        assertThat(hold.exit()).as(hold.out() + hold.err()).isZero();
        assertThat(hold.out()).startsWith("held " + held + ": schema migration until Friday (local ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(t.home.holdsFile()))).isEqualTo("rw-------");
        audit = audit();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(1).path("command").asText()).isEqualTo("hold");
        assertThat(names(audit.get(1).path("changed").path("held"))).containsExactly(held);

        TestHome.Run status = t.agent("status");
        assertThat(status.out()).contains("HELD " + held + ": schema migration until Friday (local ");
        JsonNode statusJson = JSON.readTree(t.agent("status", "--json").out());
        assertThat(statusJson.has("plan")).as("no plan unless asked").isFalse();
        assertThat(container(statusJson, held).path("held").asBoolean()).isTrue();
        // --plan: what apply --check would do, in the same run (what the controller's status asks for); changes nothing
        Path lessDesired = t.writeState("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, init: [%s, infinity], stop: {timeout: 0}}
                  - {name: %s, init: [%s, infinity], stop: {timeout: 5}}
                """.formatted(held, program, free, program));
        TestHome.Run planned = t.agent("status", "--json", "--plan", lessDesired.toString());
        assertThat(planned.exit()).as(planned.out() + planned.err()).isZero();
        TestHome.Run checked = t.agent("apply", "--check", "--json", lessDesired.toString());
        JsonNode plan = JSON.readTree(planned.out()).path("plan");
        assertThat(plan.toString()).isEqualTo(JSON.readTree(checked.out().lines().findFirst().orElseThrow()).path("plan").toString());
        assertThat(plan.toString()).contains("\"container\":\"" + other + "\",\"verdict\":\"unlisted\"")
                .contains("\"container\":\"" + free + "\",\"verdict\":\"change\"")
                .contains("\"container\":\"" + held + "\",\"verdict\":\"up-to-date\"");
        assertThat(t.agent("status", "--plan", lessDesired.toString()).exit()).as("--plan needs --json").isEqualTo(2);
        assertThat(container(statusJson, held).path("holdReason").asText()).startsWith("schema migration until Friday (");
        assertThat(container(statusJson, free).path("held").asBoolean()).isFalse();

        Map<String, Integer> before = initPids();
        replaceTheDpkgWay(program);
        TestHome.Run restart = t.agent("restart", "--stale", "--json");

        assertThat(restart.exit()).as(restart.out() + restart.err()).isZero();
        Map<String, Integer> after = initPids();
        assertThat(after.get(held)).as("held: never restarted").isEqualTo(before.get(held));
        assertThat(after.get(free)).as("stale, not held: restarted").isNotEqualTo(before.get(free));
        assertThat(after.get(other)).as("not stale").isEqualTo(before.get(other));
        JsonNode resultEvent = JSON.readTree(restart.out().lines().reduce((a, b) -> b).orElseThrow());
        JsonNode result = resultEvent.path("restart");
        assertThat(names(result.path("restarted"))).containsExactly(free);
        // the scan after the rollout, which the controller uses instead of running its own: only the held one is stale
        List<String> staleAfter = new ArrayList<>();
        resultEvent.path("staleAfter").path("containers").forEach(c -> {
            if (c.path("stale").asBoolean()) {
                staleAfter.add(c.path("name").asText());
            }
        });
        assertThat(resultEvent.path("staleAfter").path("containers").size()).isEqualTo(3);
        assertThat(staleAfter).containsExactly(held);
        assertThat(result.path("held").get(0).path("container").asText()).isEqualTo(held);
        assertThat(result.path("held").get(0).path("reason").asText()).isEqualTo("schema migration until Friday");
        audit = audit();
        assertThat(audit).hasSize(3);
        JsonNode restartLine = audit.get(2);
        assertThat(restartLine.path("command").asText()).isEqualTo("restart");
        assertThat(names(restartLine.path("argv"))).contains("restart", "--stale");
        assertThat(names(restartLine.path("changed").path("restarted"))).containsExactly(free);
        assertThat(restartLine.path("changed").path("restartMillis").path(free).asLong()).isPositive();

        // in plain text, too: the held one is named as held, not restarted
        TestHome.Run human = t.agent("restart", "--stale");
        assertThat(human.exit()).as(human.out() + human.err()).isZero();
        assertThat(human.out()).contains(held + ": held, not restarted (schema migration until Friday, held by local ");
        assertThat(initPids().get(held)).isEqualTo(before.get(held));

        // the metrics say so, and parse as the text format
        PrometheusTextParser.Exposition metrics = metrics();
        assertThat(metrics.value("rootfleet_containers", Map.of("state", "running"))).isEqualTo(3);
        assertThat(metrics.value("rootfleet_containers_stale", Map.of())).isEqualTo(1);
        assertThat(metrics.value("rootfleet_containers_held", Map.of())).isEqualTo(1);
        assertThat(metrics.value("rootfleet_last_patch_success", Map.of())).isEqualTo(1);
        assertThat(metrics.value("rootfleet_restart_duration_seconds_count", Map.of())).isEqualTo(1);
        assertThat(metrics.value("rootfleet_last_patch_timestamp_seconds", Map.of()))
                .isEqualTo(java.time.Instant.parse(audit().get(3).path("time").asText()).toEpochMilli() / 1000.0);

        // the textfile, once enabled, follows every change
        TestHome.Run enable = t.agent("metrics", "--textfile", textfileDir.toString(), "--enable");
        assertThat(enable.exit()).as(enable.out() + enable.err()).isZero();
        Path prom = textfileDir.resolve("rootfleet.prom");
        assertThat(PrometheusTextParser.parse(Files.readString(prom)).value("rootfleet_containers_held", Map.of())).isEqualTo(1);
        TestHome.Run unhold = t.agent("unhold", held);
        assertThat(unhold.exit()).as(unhold.out() + unhold.err()).isZero();
        assertThat(unhold.out()).startsWith(held + " is no longer held (was: schema migration until Friday");
        assertThat(PrometheusTextParser.parse(Files.readString(prom)).value("rootfleet_containers_held", Map.of())).isZero();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(textfileDir)) {
            List<String> left = new ArrayList<>();
            files.forEach(f -> left.add(f.getFileName().toString()));
            assertThat(left).as("no temporary file left beside it").containsExactly("rootfleet.prom");
        }

        // unheld, the next restart --stale patches it
        TestHome.Run patch = t.agent("restart", "--stale");
        assertThat(patch.exit()).as(patch.out() + patch.err()).isZero();
        assertThat(initPids().get(held)).isNotEqualTo(before.get(held));
        assertThat(PrometheusTextParser.parse(Files.readString(prom)).value("rootfleet_containers_stale", Map.of())).isZero();

        // the whole host held: a named restart leaves it alone unless --include-held
        assertThat(t.agent("hold", "--reason", "kernel test").exit()).isZero();
        int otherPid = initPids().get(other);
        TestHome.Run named = t.agent("restart", other);
        assertThat(named.exit()).as(named.out() + named.err()).isZero();
        assertThat(named.out()).contains(other + ": held, not restarted (the host is held: kernel test");
        assertThat(initPids().get(other)).isEqualTo(otherPid);
        TestHome.Run included = t.agent("restart", "--include-held", other);
        assertThat(included.exit()).as(included.out() + included.err()).isZero();
        assertThat(initPids().get(other)).isNotEqualTo(otherPid);

        // the audit command: every change, in order; a broken line is reported, not fatal
        List<String> commands = audit().stream().map(e -> e.path("command").asText()).toList();
        assertThat(commands).containsExactly("apply", "hold", "restart", "restart", "metrics", "unhold", "restart", "hold",
                "restart", "restart");
        Files.writeString(t.home.auditLog(), "not json\n", StandardOpenOption.APPEND);
        TestHome.Run text = t.agent("audit", "--since", "1h");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.err()).contains("rootfleet-agent: warning: " + t.home.auditLog() + ":11: not an audit line");
        assertThat(text.out().lines().toList()).hasSize(10);
        assertThat(text.out()).contains(" hold " + held + " --reason schema migration until Friday: held " + held + " -> OK (0)");
        TestHome.Run last = t.agent("audit", "--json", "--last", "1");
        assertThat(last.out().lines().toList()).singleElement().satisfies(l -> assertThat(l).contains("\"--include-held\""));
    }

    private List<JsonNode> audit() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.exists(t.home.auditLog(), LinkOption.NOFOLLOW_LINKS)) {
            return lines;
        }
        for (String line : Files.readAllLines(t.home.auditLog())) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private PrometheusTextParser.Exposition metrics() {
        TestHome.Run run = t.agent("metrics");
        assertThat(run.exit()).as(run.err()).isZero();
        return PrometheusTextParser.parse(run.out());
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static JsonNode container(JsonNode status, String name) {
        for (JsonNode c : status.path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no " + name + " in " + status);
    }

    private Map<String, Integer> initPids() {
        Map<String, Integer> pids = new TreeMap<>();
        t.lxc.list().forEach((name, state) -> pids.put(name.value(), state.initPid().orElse(-1)));
        return pids;
    }

    /** As dpkg does: the new version is written beside the old one, then renamed over it. */
    private static void replaceTheDpkgWay(Path file) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".dpkg-new");
        Files.copy(Path.of("/usr/bin/sleep"), next, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the plain files this test put in {@code dir}, then the directory (a subdirectory makes it fail). */
    private static void removeFiles(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
