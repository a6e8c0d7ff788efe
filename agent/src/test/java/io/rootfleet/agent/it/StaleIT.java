package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.agent.stale.StaleScanner;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.StaleReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stale detection and the shadow audit against real containers. The replaced program is a copy of sleep in a
 * directory of this test's own under /usr/local/lib, replaced the way dpkg replaces files.
 */
class StaleIT {
    private static final Path TEST_BINARIES = Path.of("/usr/local/lib");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestHome t;
    private Path binDir;
    private Path program;

    @BeforeEach
    void setUp() throws IOException {
        t = new TestHome();
        removeLeftoverBinaries();
        binDir = TEST_BINARIES.resolve("rf-it-" + t.id);
        t.onClose(() -> removeBinaries(binDir));
        Files.createDirectories(binDir);
        program = binDir.resolve("rf-sleep");
        Files.copy(Path.of("/usr/bin/sleep"), program, StandardCopyOption.COPY_ATTRIBUTES);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String threeContainers(String aState) {
        return """
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, state: %s, init: [%s, infinity], stop: {timeout: 0}}
                  - {name: %s, init: [%s, infinity], stop: {timeout: 0}}
                  - {name: %s, init: [/usr/bin/sleep, infinity], stop: {timeout: 0}}
                """.formatted(t.name("a"), aState, program, t.name("b"), program, t.name("c"));
    }

    @Test
    void replacedProgram_flagsExactlyTheContainersRunningIt_untilTheyRestart() throws IOException {
        String a = t.name("a");
        String b = t.name("b");
        String c = t.name("c");
        TestHome.Run applied = t.apply(threeContainers("started"));
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        assertThat(staleJson().path("containers")).allMatch(container -> !container.path("stale").asBoolean());

        long oldInode = inode(program);
        replaceTheDpkgWay(program);
        long newInode = inode(program);
        assertThat(newInode).isNotEqualTo(oldInode);

        JsonNode report = staleJson();
        for (String name : List.of(a, b)) {
            JsonNode container = container(report, name);
            assertThat(container.path("stale").asBoolean()).as(name).isTrue();
            assertThat(container.path("staleFiles")).hasSize(1);
            JsonNode file = container.path("staleFiles").get(0);
            assertThat(file.path("path").asText()).isEqualTo(program.toString());
            assertThat(file.path("runningInode").asLong()).isEqualTo(oldInode);
            assertThat(file.path("currentInode").asLong()).isEqualTo(newInode);
            assertThat(file.path("reason").asText()).isEqualTo("replaced on the host");
            assertThat(ints(file.path("pids"))).containsExactly(container.path("initPid").asInt());
            assertThat(file.path("commands").get(0).asText()).isEqualTo("rf-sleep");
        }
        assertThat(container(report, c).path("stale").asBoolean()).isFalse();
        assertThat(container(report, c).path("staleFiles")).isEmpty();
        assertThat(report.path("millis").asLong()).as("the scan says how long it took (its speed is for bench/, not a test)").isNotNegative();

        TestHome.Run text = t.agent("stale");
        assertThat(text.exit()).isZero();
        assertThat(text.out())
                .containsPattern(a + "\\s+RUNNING\\s+yes\\s+\\d+")
                .containsPattern(c + "\\s+RUNNING\\s+no\\s+\\d+")
                .contains("  stale: " + program + "  replaced on the host, inode " + oldInode + " -> " + newInode
                        + ", used by " + container(report, a).path("initPid").asInt() + "/rf-sleep")
                .endsWith("2 of 3 running containers are stale; no container hides host system files\n");
        TestHome.Run status = t.agent("status");
        assertThat(status.out())
                .containsPattern(a + "\\s+started\\s+RUNNING\\s+\\S+\\s+\\d+\\s+\\S+\\s+yes\\s+yes")
                .containsPattern(c + "\\s+started\\s+RUNNING\\s+\\S+\\s+\\d+\\s+\\S+\\s+no\\s+yes")
                .doesNotContain("hides host files");
        JsonNode statusJson = JSON.readTree(t.agent("status", "--json").out());
        assertThat(container(statusJson, b).path("stale").asBoolean()).isTrue();
        assertThat(container(statusJson, c).path("stale").asBoolean()).isFalse();

        // a restart mounts the overlay afresh: the container runs the new file
        assertThat(t.apply(threeContainers("stopped")).exit()).isZero();
        assertThat(t.agent("status").out()).containsPattern(a + "\\s+stopped\\s+STOPPED\\s+-\\s+-\\s+\\S+\\s+-\\s+yes");
        assertThat(t.apply(threeContainers("started")).exit()).isZero();
        JsonNode after = staleJson();
        assertThat(container(after, a).path("stale").asBoolean()).isFalse();
        assertThat(container(after, b).path("stale").asBoolean()).isTrue();
        assertThat(container(after, c).path("stale").asBoolean()).isFalse();
        JsonNode onlyA = JSON.readTree(t.agent("stale", "--json", a).out());
        assertThat(onlyA.path("containers")).hasSize(1);
    }

    @Test
    void restartStale_restartsExactlyTheStaleContainers_whichThenRunTheNewFile() throws IOException {
        String a = t.name("a");
        String b = t.name("b");
        String c = t.name("c");
        assertThat(t.apply(threeContainers("started")).exit()).isZero();
        TestHome.Run nothing = t.agent("restart", "--stale");
        assertThat(nothing.exit()).isZero();
        assertThat(nothing.out()).contains("nothing to restart");
        Map<String, Integer> before = initPids();

        replaceTheDpkgWay(program);
        long newInode = inode(program);
        TestHome.Run run = t.agent("restart", "--stale", "--batch", "1");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("restarted 2, failed 0, not restarted 0");
        Map<String, Integer> after = initPids();
        assertThat(after.get(a)).isNotEqualTo(before.get(a));
        assertThat(after.get(b)).isNotEqualTo(before.get(b));
        assertThat(after.get(c)).as("not stale: not restarted").isEqualTo(before.get(c));
        JsonNode report = staleJson();
        assertThat(report.path("containers")).allMatch(container -> !container.path("stale").asBoolean());
        for (String name : List.of(a, b)) {
            assertThat(Files.readString(Path.of("/proc/" + after.get(name) + "/maps")))
                    .as(name + " maps the new file").contains(" " + newInode + " ");
        }
    }

    private Map<String, Integer> initPids() {
        Map<String, Integer> pids = new java.util.TreeMap<>();
        t.lxc.list().forEach((name, state) -> pids.put(name.value(), state.initPid().orElse(-1)));
        return pids;
    }

    @Test
    void programReplacedInsideTheContainer_isStale_butOneTheContainerDeletedIsNot() throws IOException {
        String replacing = t.name("own");
        String deleting = t.name("tmp");
        TestHome.Run applied = t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, init: [/bin/sh, -c, "cp /usr/bin/sleep /srv/own-sleep && exec /srv/own-sleep infinity"], stop: {timeout: 0}}
                  - {name: %s, init: [/bin/sh, -c, "cp /usr/bin/sleep /srv/tmp-sleep && exec /srv/tmp-sleep infinity"], stop: {timeout: 0}}
                """.formatted(replacing, deleting));
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        Path own = t.home.upper(new ContainerName(replacing)).resolve("srv/own-sleep");
        await().atMost(Duration.ofSeconds(20)).until(() -> commandOfInit(replacing).equals("own-sleep")
                && commandOfInit(deleting).equals("tmp-sleep"));
        long oldInode = inode(own);

        // as the container's own package manager would: a new file renamed over the running one
        assertThat(t.exec(replacing, "/bin/sh", "-c", "cp /usr/bin/sleep /srv/.new && mv /srv/.new /srv/own-sleep").exitCode())
                .isZero();
        assertThat(t.exec(deleting, "/bin/rm", "/srv/tmp-sleep").exitCode()).isZero();

        JsonNode report = staleJson();
        JsonNode file = container(report, replacing).path("staleFiles").get(0);
        assertThat(file.path("path").asText()).isEqualTo("/srv/own-sleep");
        assertThat(file.path("reason").asText()).isEqualTo("replaced in the container's own layer");
        assertThat(file.path("runningInode").asLong()).isEqualTo(oldInode);
        assertThat(file.path("currentInode").asLong()).isEqualTo(inode(own)).isNotEqualTo(oldInode);
        assertThat(container(report, deleting).path("stale").asBoolean()).isFalse();
    }

    /** The command name of a container's init: the shell's until it execs the program. */
    private String commandOfInit(String name) throws IOException {
        int pid = t.lxc.list().get(new ContainerName(name)).initPid().orElseThrow();
        return Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
    }

    @Test
    void copiedUpHostLibrary_andDeclaredConfig_areReportedAsHidingHostFiles() throws IOException {
        String name = t.name("shadow");
        Path library = hostLibrary("libz.so.1");
        TestHome.Run applied = t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - name: %s
                    init: [/bin/sh, -c, "chmod 0644 %s; exec sleep infinity"]
                    stop: {timeout: 0}
                    files:
                      - {path: /etc/debian_version, content: "rootfleet test\\n"}
                """.formatted(name, library));
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        Path copiedUp = t.home.upper(new ContainerName(name)).resolve(library.toString().substring(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(copiedUp, LinkOption.NOFOLLOW_LINKS));

        JsonNode container = container(staleJson(), name);
        assertThat(container.path("stale").asBoolean()).isFalse();
        assertThat(container.path("shadowed")).hasSize(2);
        assertThat(container.path("shadowed").get(0).toString())
                .isEqualTo("{\"path\":\"/etc/debian_version\",\"kind\":\"config\",\"declared\":true}");
        assertThat(container.path("shadowed").get(1).toString())
                .isEqualTo("{\"path\":\"" + library + "\",\"kind\":\"library\",\"declared\":false}");

        TestHome.Run text = t.agent("stale");
        assertThat(text.out())
                .contains("  hides host file: /etc/debian_version  config, declared\n")
                .contains("  hides host file: " + library + "  library\n")
                .endsWith("0 of 1 running container is stale; 1 container hides host system files\n");
        TestHome.Run status = t.agent("status");
        assertThat(status.out()).endsWith(name + " hides host files: " + library + "\n");
        JsonNode statusJson = JSON.readTree(t.agent("status", "--json").out());
        assertThat(container(statusJson, name).path("shadowed").toString()).isEqualTo("[\"" + library + "\"]");
    }

    @Test
    void hostPackages_areThoseTheDpkgLogShowsChangedSinceTheContainerStarted() throws IOException {
        String name = t.name("pkgs");
        assertThat(t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, init: [/usr/bin/sleep, infinity], stop: {timeout: 0}}
                """.formatted(name)).exit()).isZero();
        DateTimeFormatter dpkgTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneId.systemDefault());
        Path log = t.writeState(dpkgTime.format(now.minusMinutes(1)) + " upgrade before:amd64 1 2\n"
                + dpkgTime.format(now.plusSeconds(5)) + " upgrade libssl3:amd64 3.0.14-1 3.0.15-1\n"
                + dpkgTime.format(now.plusSeconds(6)) + " status installed libssl3:amd64 3.0.15-1\n");

        StaleReport report = new StaleScanner(t.engine(), List.of(log)).scan(List.of(new ContainerName(name)));

        StaleReport.Container container = report.containers().get(0);
        assertThat(container.hostPackages()).containsExactly("libssl3:amd64 3.0.14-1 -> 3.0.15-1");
        assertThat(container.stale()).isFalse();
        assertThat(Instant.parse(container.startedAt())).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void unknownOrInvalidName_exit2_withTheName() {
        TestHome.Run unknown = t.agent("stale", t.name("nope"));
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no container '" + t.name("nope") + "' managed in " + t.dir);
        TestHome.Run invalid = t.agent("stale", "Bad_Name");
        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.err()).contains("container name 'Bad_Name' is not valid");
    }

    private JsonNode staleJson() throws IOException {
        TestHome.Run run = t.agent("stale", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static JsonNode container(JsonNode report, String name) {
        for (JsonNode c : report.path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container " + name + " in " + report);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asInt()));
        return values;
    }

    private static long inode(Path file) throws IOException {
        return (Long) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    /** As dpkg does: the new version is written beside the old one, then renamed over it. */
    private static void replaceTheDpkgWay(Path file) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".dpkg-new");
        Files.copy(Path.of("/usr/bin/sleep"), next, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The real file (not a symlink) of a host library in one of /usr/lib's multiarch directories. */
    private static Path hostLibrary(String soname) throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib"))) {
            return dirs.map(dir -> dir.resolve(soname))
                    .filter(Files::exists)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + soname + " under /usr/lib/*/"))
                    .toRealPath();
        }
    }

    private static void removeBinaries(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file); // only the files this test put there; a directory would make this fail
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the test binaries in " + dir, e);
        }
    }

    /** Binaries left by a killed run: their test home (and its owner lock) is gone. */
    private static void removeLeftoverBinaries() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(TEST_BINARIES, "rf-it-*")) {
            for (Path dir : dirs) {
                String home = dir.getFileName().toString();
                boolean owned = Files.exists(Path.of("/tmp", home + ".owner")) || Files.exists(Path.of("/tmp", home));
                boolean old = Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(Duration.ofHours(1)));
                if (!owned && old) {
                    try {
                        removeBinaries(dir);
                    } catch (UncheckedIOException notOnlyOurs) {
                        // holds more than test binaries: not ours to remove
                    }
                }
            }
        }
    }
}
