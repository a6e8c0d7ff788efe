package io.rootfleet.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every string that reaches an LXC config is refused at validation when it holds a control character: LXC
 * reads a carriage return as a line break, so {@code "x\rlxc.mount.entry = ..."} would add a config line.
 */
class ControlCharacterTest {

    private static List<String> problems(String yaml) {
        try {
            DesiredStateReader.read(yaml.getBytes(StandardCharsets.UTF_8), "state.yml");
        } catch (InvalidInputException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected the document to be rejected");
    }

    @Test
    void carriageReturnInEnvValue_rejected() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n"
                + "    env: {A: \"x\\rlxc.mount.entry = /root mnt none bind,create=dir 0 0\"}\n"))
                .containsExactly("state.yml:3:5: containers[0]: environment variable A contains a control character"
                        + " (carriage return, tab...); LXC reads a carriage return as a line break in its config, so it"
                        + " is refused");
    }

    @Test
    void tabAndDelInEnvValue_rejected() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n    env: {A: \"x\\ty\"}\n"))
                .singleElement().asString().contains("environment variable A contains a control character");
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n    env: {A: \"x\\x7fy\"}\n"))
                .singleElement().asString().contains("environment variable A contains a control character");
    }

    @Test
    void carriageReturnInEnvName_rejected() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n    env: {\"A\\rB\": x}\n"))
                .singleElement().asString().contains("environment variable name 'A?B' is not valid");
    }

    @Test
    void carriageReturnInInitArgument_rejected() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n"
                + "    init: [/bin/sleep, \"1\\rlxc.cap.drop =\"]\n"))
                .singleElement().asString().startsWith("state.yml:3:5: containers[0]: init argument '1?lxc.cap.drop ='"
                        + " contains a control character");
    }

    @Test
    void carriageReturnInPathsAndNames_rejected() {
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n"
                + "    mounts: [{source: \"/srv\\rx\", target: /srv}]\n"))
                .singleElement().asString().contains("contains a control character");
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n    hostname: \"a\\rb\"\n"))
                .singleElement().asString().contains("hostname 'a?b' is not valid");
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: a\n    network: {bridge: \"br0\\rx\"}\n"))
                .singleElement().asString().contains("bridge 'br0?x' is not a valid interface name");
        assertThat(problems("apiVersion: rootfleet/v1\ncontainers:\n  - name: \"a\\rb\"\n"))
                .singleElement().asString().contains("a?b");
    }
}
