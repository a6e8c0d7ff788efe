package io.rootfleet.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.HealthCheck;
import io.rootfleet.model.Hostname;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesiredStateReaderTest {

    private static DesiredState read(String yaml) {
        return DesiredStateReader.read(yaml, "state.yml");
    }

    private static List<String> problems(String yaml) {
        try {
            read(yaml);
        } catch (InvalidInputException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected the document to be rejected");
    }

    @Test
    void read_fullContainer() {
        DesiredState state = read("""
                apiVersion: rootfleet/v1
                containers:
                  - name: web-01
                    state: stopped
                    init: [/usr/sbin/apache2ctl, -D, FOREGROUND]
                    autostart: true
                    hostname: web-01.example.org
                    network: {bridge: br0, ipv4: 10.0.3.5/24, gateway: 10.0.3.1}
                    mounts:
                      - {source: /srv/data, target: /data, readOnly: false}
                    limits: {memory: 256M, cpus: 0.5, pids: 200}
                    env: {APP_ENV: production}
                    files:
                      - path: /etc/app.conf
                        content: "x=1\\n"
                        mode: 0600
                    hide: [/opt/secret]
                    unhide: [/var/log]
                    template: minimal
                    stop: {signal: SIGTERM, timeout: 5s}
                """);
        ContainerSpec spec = state.containers().get(0);
        assertThat(spec.name()).isEqualTo(new ContainerName("web-01"));
        assertThat(spec.state()).isEqualTo(ContainerState.STOPPED);
        assertThat(spec.init()).containsExactly("/usr/sbin/apache2ctl", "-D", "FOREGROUND");
        assertThat(spec.hostname()).contains(new Hostname("web-01.example.org"));
        assertThat(spec.network().get().ipv4().get().toString()).isEqualTo("10.0.3.5/24");
        assertThat(spec.mounts().get(0).readOnly()).isFalse();
        assertThat(spec.limits().memoryBytes()).contains(256L * 1024 * 1024);
        assertThat(spec.limits().milliCpus()).contains(500);
        assertThat(spec.files().get(0).mode()).isEqualTo(0600);
        assertThat(spec.files().get(0).path()).isEqualTo(new AbsolutePath("/etc/app.conf"));
        assertThat(spec.effectiveStop().timeoutSeconds()).isEqualTo(5);
        assertThat(spec.template()).isEqualTo("minimal");
    }

    @Test
    void read_defaults() {
        ContainerSpec spec = read("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n").containers().get(0);
        assertThat(spec).isEqualTo(ContainerSpec.of(new ContainerName("a"), ContainerState.STARTED));
        assertThat(spec.usesHostInit()).isTrue();
        assertThat(spec.network()).isEqualTo(Optional.empty());
        assertThat(spec.effectiveHostname().value()).isEqualTo("a");
    }

    @Test
    void writerOutput_readsBackEqual() {
        DesiredState state = read("""
                apiVersion: rootfleet/v1
                containers:
                  - name: web-01
                    init: [/bin/sh, -c, "echo a  b; exec sleep infinity"]
                    network: {bridge: br0, ipv4: 10.0.3.5/24, hwaddr: "02:AA:bb:cc:dd:ee"}
                    mounts: [{source: /srv, target: /srv/host data}]
                    limits: {memory: 1G, cpus: 1.25}
                    env: {B: "2", A: "x y"}
                    files: [{path: /etc/x, content: "a\\n\\tb", mode: "0755", uid: 33, gid: 33}]
                    services: []
                    stop: {timeout: 0}
                    health: {command: [/usr/bin/curl, -fsS, "http://127.0.0.1/"], timeout: 2s, retries: 3}
                    order: -5
                  - name: db
                    state: absent
                    health: {tcp: 5432, interval: 0}
                """);
        assertThat(DesiredStateReader.read(DesiredStateWriter.toJson(state), "wire")).isEqualTo(state);
    }

    @Test
    void invalidName_namesFieldAndRule() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: Web_1\n")).containsExactly(
                "state.yml:3:11: containers[0].name: container name 'Web_1' is not valid; use 1 to 63 lowercase"
                        + " letters, digits and '-', starting and ending with a letter or digit (e.g. web-01)");
    }

    @Test
    void duplicateNames_pointAtBoth() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n  - name: a\n")).containsExactly(
                "state.yml:4:5: containers[1]: container 'a' is already declared at line 3; names must be unique on a host");
    }

    @Test
    void unknownField_suggestsTheKnownOne() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n    autostrat: true\n"))
                .singleElement().asString()
                .startsWith("state.yml:4:5: containers[0].autostrat: unknown field; did you mean 'autostart'?");
    }

    @Test
    void relativeAndDotDotPaths_rejected() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                containers:
                  - name: a
                    mounts: [{source: srv, target: /x}]
                    files: [{path: /etc/../shadow, content: x}]
                """)).containsExactly(
                "state.yml:4:23: containers[0].mounts[0].source: path 'srv' is not absolute; write it from the root, e.g. /srv/app",
                "state.yml:5:20: containers[0].files[0].path: path '/etc/../shadow' contains '..'; write the path without '.' or '..' segments");
    }

    @Test
    void duplicateKeys_rejectedWithLine() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n    name: b\n"))
                .anySatisfy(p -> assertThat(p).startsWith("state.yml:4:5: containers[0].name: duplicate key"));
    }

    @Test
    void aliasBomb_rejected() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            yaml.append((char) ('a' + i)).append(": &").append((char) ('a' + i)).append(" [");
            yaml.append(("*" + (char) ('a' + i - 1) + ", ").repeat(9)).append("*").append((char) ('a' + i - 1)).append("]\n");
        }
        assertThatThrownBy(() -> read(yaml.toString()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void globalTag_rejected() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - !!java.io.File {name: a}\n")).containsExactly(
                "state.yml:3:5: invalid YAML: Global tag is not allowed: tag:yaml.org,2002:java.io.File");
    }

    @Test
    void localTag_rejected() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: !secret a\n")).containsExactly(
                "state.yml:3:11: containers[0].name: YAML tag !secret is not allowed; remove it");
    }

    @Test
    void hugeDocument_rejected() {
        byte[] huge = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) '#');
        assertThatThrownBy(() -> DesiredStateReader.read(huge, "big.yml"))
                .hasMessage("big.yml: the document is 5242880 bytes; the limit is 4194304 bytes. Split it into several files.");
    }

    @Test
    void syntaxError_hasLocation() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: [a\n")).containsExactly(
                "state.yml:3:11: invalid YAML: this '[' is not closed; add the ']' at the end of the list (items are"
                        + " separated by ', ')");
    }

    @Test
    void wrongApiVersion_saysWhatToDo() {
        assertThat(problems("apiVersion: rootfleet/v9\ncontainers: []\n")).containsExactly(
                "state.yml:1:1: apiVersion: 'rootfleet/v9' is not supported; this agent reads rootfleet/v1."
                        + " Update the agent or the controller so they match");
    }

    @Test
    void initAsString_explainsList() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n    init: /bin/sleep infinity\n"))
                .containsExactly("state.yml:4:11: containers[0].init: write init as a list of arguments,"
                        + " e.g. [/usr/sbin/apache2ctl, -D, FOREGROUND]; no shell splits it");
    }

    @Test
    void unhideOfUnknownPath_listsDefaults() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n    unhide: [/etc]\n"))
                .singleElement().asString()
                .startsWith("state.yml:3:5: containers[0]: unhide '/etc' is not one of the default hidden paths (/var/lib/rootfleet,");
    }

    @Test
    void allProblems_reportedAtOnce() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                containers:
                  - name: A
                  - name: b
                    state: running
                    limits: {memory: lots}
                """)).hasSize(3);
    }

    @Test
    void health_defaultsAndBothKindsRejected() {
        ContainerSpec spec = read("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: web, health: {tcp: 80}, order: 3}
                """).containers().get(0);
        assertThat(spec.health()).contains(HealthCheck.tcp(80));
        assertThat(spec.order()).isEqualTo(3);
        assertThat(problems("""
                apiVersion: rootfleet/v1
                containers:
                  - name: web
                    health: {tcp: 80, command: [/bin/true], retries: -1}
                    order: 5000
                """)).containsExactly(
                "state.yml:4:13: containers[0].health: a health check needs exactly one of command (an argv list) or"
                        + " tcp (a port)",
                "state.yml:5:12: containers[0].order: order 5000 is not between -1000 and 1000");
        assertThat(problems("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: web, health: {command: /bin/true}}
                """)).hasSize(1).first().asString().contains("write the command as a list");
    }

    @Test
    void newlineInEnv_rejected() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n    env: {A: \"x\\ny\"}\n"))
                .containsExactly("state.yml:3:5: containers[0]: environment variable A contains a newline or NUL; LXC cannot pass that");
    }
}
