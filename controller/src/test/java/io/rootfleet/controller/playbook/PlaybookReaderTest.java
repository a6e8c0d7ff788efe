package io.rootfleet.controller.playbook;

import static io.rootfleet.controller.playbook.PlaybookAssertions.problems;
import static io.rootfleet.controller.playbook.PlaybookAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateReader;
import io.rootfleet.model.yaml.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookReaderTest {
    private static final String FLEET = """
            apiVersion: rootfleet/v1
            hosts:
              - name: web-a
                address: 10.0.0.11
                groups: [web, eu]
                labels: {dc: fra1}
              - name: web-b
                address: web-b.example.org
                port: 2222
                user: deploy
                identityFile: ~/.ssh/fleet
                groups: [web, us]
              - name: db-a
                connection: local
                agentPath: /opt/rootfleet/bin/rootfleet-agent
                agentHome: /srv/rootfleet
                groups: [eu]
            defaults:
              template: minimal
              stop: {timeout: 5s}
              env: {TZ: UTC}
            profiles:
              web:
                init: [/usr/sbin/apache2ctl, -D, FOREGROUND]
                limits: {memory: 256M, cpus: 1}
                env: {TIER: front}
                network: {bridge: br0}
            containers:
              - name: web-{01..03}
                profile: web
                group: web
                limits: {cpus: 0.5}
                env: {TZ: Europe/Berlin}
              - name: cache
                hosts: [web-a, db-a]
                init: [/usr/bin/memcached, -u, nobody]
                stop: {signal: SIGINT}
              - name: pg
                host: db-a
                template: debian
                services: [postgresql.service]
                state: stopped
            """;

    @Test
    void read_givesEachHostTheDesiredStateItsEntriesAddUpTo() {
        Playbook playbook = read(FLEET);

        String web = """
                template: minimal
                init: [/usr/sbin/apache2ctl, -D, FOREGROUND]
                limits: {memory: 256M, cpus: 0.5}
                env: {TZ: Europe/Berlin, TIER: front}
                network: {bridge: br0}
                stop: {timeout: 5s}
                """;
        String cache = """
                template: minimal
                init: [/usr/bin/memcached, -u, nobody]
                env: {TZ: UTC}
                stop: {signal: SIGINT, timeout: 5s}
                """;
        assertThat(playbook.desired()).containsExactly(
                Map.entry("web-a", desiredState(named("web-01", web), named("web-02", web), named("web-03", web),
                        named("cache", cache))),
                Map.entry("web-b", desiredState(named("web-01", web), named("web-02", web), named("web-03", web))),
                Map.entry("db-a", desiredState(named("cache", cache), named("pg", """
                        template: debian
                        services: [postgresql.service]
                        state: stopped
                        env: {TZ: UTC}
                        stop: {timeout: 5s}
                        """))));
    }

    @Test
    void read_bindsEachHostLeavingPortAndUserToTheSshConfigWhenNotGiven() {
        Playbook playbook = read(FLEET);

        assertThat(playbook.hosts()).containsExactly(
                new HostSpec("web-a", Optional.of("10.0.0.11"), OptionalInt.empty(), Optional.empty(), Optional.empty(), Connection.SSH,
                        new AbsolutePath("/usr/local/bin/rootfleet-agent"), new AbsolutePath("/var/lib/rootfleet"),
                        List.of("web", "eu"), new TreeMap<>(Map.of("dc", "fra1"))),
                new HostSpec("web-b", Optional.of("web-b.example.org"), 2222, "deploy", Optional.of("~/.ssh/fleet"),
                        Connection.SSH, HostSpec.DEFAULT_AGENT_PATH, HostSpec.DEFAULT_AGENT_HOME,
                        List.of("web", "us"), new TreeMap<>()),
                new HostSpec("db-a", Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), Connection.LOCAL,
                        new AbsolutePath("/opt/rootfleet/bin/rootfleet-agent"), new AbsolutePath("/srv/rootfleet"),
                        List.of("eu"), new TreeMap<>()));
        assertThat(playbook.desiredFor(playbook.hosts().get(2)).containers()).hasSize(2);
    }

    @Test
    void read_givesAHostWithoutContainersAnEmptyDesiredState() {
        Playbook playbook = read("""
                apiVersion: rootfleet/v1
                hosts:
                  - {name: web-a, address: 10.0.0.11}
                  - {name: web-b, address: 10.0.0.12}
                containers:
                  - {name: app, host: web-b}
                """);

        assertThat(playbook.desired().get("web-a")).isEqualTo(new DesiredState(List.of()));
        assertThat(playbook.desired().get("web-b").containers()).hasSize(1);
    }

    @Test
    void read_acceptsAnEmptyContainerList() {
        Playbook playbook = read("""
                apiVersion: rootfleet/v1
                hosts: [{name: web-a, address: 10.0.0.11}]
                containers: []
                """);

        assertThat(playbook.desired()).containsExactly(Map.entry("web-a", new DesiredState(List.of())));
    }

    @Test
    void read_requiresTheTopLevelFields() {
        assertThat(problems("""
                profiles: {}
                """)).containsExactly(
                "site.yml:1:1: apiVersion: required field is missing",
                "site.yml:1:1: hosts: required field is missing",
                "site.yml:1:1: containers: required field is missing");
    }

    @Test
    void read_refusesAnotherApiVersion() {
        assertThat(problems("""
                apiVersion: rootfleet/v2
                hosts: [{name: web-a, address: 10.0.0.11}]
                containers: []
                """)).containsExactly(
                "site.yml:1:13: apiVersion: 'rootfleet/v2' is not supported; this controller reads playbooks of"
                        + " rootfleet/v1");
    }

    @Test
    void read_reportsUnknownFieldsWithASuggestion() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts: [{name: web-a, address: 10.0.0.11}]
                container: []
                """)).containsExactly(
                "site.yml:1:1: containers: required field is missing",
                "site.yml:3:1: container: unknown field; did you mean 'containers'? Known fields here: apiVersion,"
                        + " containers, defaults, hosts, profiles");
    }

    @Test
    void read_refusesADocumentThatIsNotAMapping() {
        assertThat(problems("- a\n- b\n")).containsExactly(
                "site.yml:1:1: (document): expected a mapping (key: value lines), found a list");
        assertThat(problems("")).containsExactly("site.yml: the document is empty");
    }

    @Test
    void read_refusesDuplicateKeys() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts: [{name: web-a, address: 10.0.0.11}]
                containers:
                  - name: app
                    host: web-a
                    host: web-b
                """)).containsExactly(
                "site.yml:6:5: containers[0].host: duplicate key; it is already set at line 5. Remove one of them");
    }

    @Test
    void read_refusesAnAliasBomb() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                a: &a [x, x, x, x, x, x, x, x, x, x]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
                """)).singleElement().asString().startsWith("site.yml").contains(
                "invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=20");
    }

    @Test
    void read_refusesYamlTags() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts: [{name: web-a, address: 10.0.0.11}]
                containers:
                  - name: app
                    host: web-a
                    env: !!javax.script.ScriptEngineManager {X: y}
                """)).containsExactly("site.yml:6:10: invalid YAML: Global tag is not allowed:"
                + " tag:yaml.org,2002:javax.script.ScriptEngineManager");
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts: [{name: web-a, address: 10.0.0.11}]
                containers:
                  - name: app
                    host: web-a
                    env: !local {X: y}
                """)).containsExactly("site.yml:6:10: containers[0].env: YAML tag !local is not allowed; remove it");
    }

    @Test
    void read_reportsEveryProblemOnceInDocumentOrder() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts:
                  - {name: web-a, address: 10.0.0.11, port: 0}
                defaults:
                  limits: {memory: lots}
                containers:
                  - {name: a, host: web-a}
                  - {name: b, host: web-a, state: gone}
                  - name: c-{1..3}
                    host: web-a
                """)).containsExactly(
                "site.yml:3:45: hosts[0].port: port '0' is not a number from 1 to 65535",
                "site.yml:5:20: defaults.limits.memory: 'lots' is not a size; write e.g. 512M or 2G",
                "site.yml:8:35: containers[1].state: state 'gone' is not one of started, stopped, absent");
    }

    @Test
    void readFile_readsThePlaybookAndNamesItInProblems(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site.yml");
        Files.writeString(file, FLEET);
        assertThat(PlaybookReader.read(file)).isEqualTo(read(FLEET));

        Files.writeString(file, FLEET.replace("rootfleet/v1", "v1"));
        assertThatThrownBy(() -> PlaybookReader.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":1:13: apiVersion: 'v1' is not supported; this controller reads playbooks of"
                        + " rootfleet/v1");
    }

    @Test
    void readFile_reportsAFileItCannotRead(@TempDir Path dir) {
        assertThatThrownBy(() -> PlaybookReader.read(dir.resolve("absent.yml")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("absent.yml") + ": no such file; check the playbook's path");
        assertThatThrownBy(() -> PlaybookReader.read(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir + ": cannot read the playbook: ");
    }

    @Test
    void readFile_refusesAFileOverTheSizeLimit(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.yml");
        Files.writeString(file, "# " + "x".repeat(4 * 1024 * 1024) + "\n");

        assertThatThrownBy(() -> PlaybookReader.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": the playbook is larger than 4194304 bytes, the most this controller reads");
    }

    private static DesiredState desiredState(String... containers) {
        return DesiredStateReader.read("apiVersion: rootfleet/v1\ncontainers:\n" + String.join("", containers),
                "expected.yml");
    }

    /** One list item of a desired-state document: the container's fields under its name. */
    private static String named(String name, String fields) {
        return "  - name: " + name + "\n" + fields.indent(4);
    }
}
