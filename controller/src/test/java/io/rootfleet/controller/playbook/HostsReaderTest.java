package io.rootfleet.controller.playbook;

import static io.rootfleet.controller.playbook.PlaybookAssertions.problems;
import static io.rootfleet.controller.playbook.PlaybookAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HostsReaderTest {

    @Test
    void read_acceptsEveryKindOfAddress() {
        Playbook playbook = read("""
                apiVersion: rootfleet/v1
                hosts:
                  - {name: a, address: web-a.example.org}
                  - {name: b, address: WEB-B}
                  - {name: c, address: 192.0.2.11}
                  - {name: d, address: "2001:db8::11"}
                  - {name: e, address: "::1"}
                  - {name: f, connection: local, address: 127.0.0.1}
                containers: []
                """);

        assertThat(playbook.hosts()).extracting(HostSpec::address).containsExactly(
                Optional.of("web-a.example.org"), Optional.of("WEB-B"), Optional.of("192.0.2.11"),
                Optional.of("2001:db8::11"), Optional.of("::1"), Optional.of("127.0.0.1"));
    }

    @Test
    void read_refusesAnInvalidAddress() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts:
                  - {name: a, address: web_a}
                  - {name: b, address: 192.0.2.256}
                  - {name: c, address: "1:2"}
                  - {name: d, address: "-x.example.org"}
                containers: []
                """)).containsExactly(
                "site.yml:3:24: hosts[0].address: address 'web_a' is not a host name or IP address; write e.g."
                        + " web-a.example.org, 192.0.2.11 or 2001:db8::11",
                "site.yml:4:24: hosts[1].address: address '192.0.2.256' is not a host name or IP address; write"
                        + " e.g. web-a.example.org, 192.0.2.11 or 2001:db8::11",
                "site.yml:5:24: hosts[2].address: address '1:2' is not a host name or IP address; write e.g."
                        + " web-a.example.org, 192.0.2.11 or 2001:db8::11",
                "site.yml:6:24: hosts[3].address: address '-x.example.org' is not a host name or IP address; write"
                        + " e.g. web-a.example.org, 192.0.2.11 or 2001:db8::11");
    }

    @Test
    void read_anSshHostWithoutAddressIsReachedByItsName() {
        Playbook playbook = PlaybookReader.read("""
                apiVersion: rootfleet/v1
                hosts:
                  - name: web-a
                    connection: ssh
                  - name: web-b
                    address: web-b.example.org
                containers: []
                """, "site.yml");

        assertThat(playbook.hosts()).extracting(HostSpec::sshAlias).containsExactly("web-a", "web-b.example.org");
        assertThat(playbook.hosts().get(0).port()).isEmpty();
        assertThat(playbook.hosts().get(0).user()).isEmpty();
    }

    @Test
    void read_refusesAnUnknownConnection() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts: [{name: web-a, connection: telnet}]
                containers: []
                """)).containsExactly("site.yml:2:35: hosts[0].connection: connection 'telnet' is not one of ssh, local");
    }

    @Test
    void read_refusesInvalidAndDuplicateHostNames() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts:
                  - name: web-a
                    address: 10.0.0.11
                  - name: Web_B
                    address: 10.0.0.12
                  - name: web-a
                    address: 10.0.0.13
                  - address: 10.0.0.14
                containers: []
                """)).containsExactly(
                "site.yml:5:11: hosts[1].name: host name 'Web_B' is not valid; use 1 to 63 lowercase letters,"
                        + " digits and '-', starting and ending with a letter or digit",
                "site.yml:7:11: hosts[2].name: host 'web-a' is already declared at line 3; give each host its own"
                        + " name",
                "site.yml:9:5: hosts[3].name: required field is missing");
    }

    @Test
    void read_refusesAPortOutOfRange() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts:
                  - {name: a, address: 10.0.0.11, port: 0}
                  - {name: b, address: 10.0.0.12, port: 65536}
                  - {name: c, address: 10.0.0.13, port: ssh}
                  - {name: d, address: 10.0.0.14, port: 65535}
                containers: []
                """)).containsExactly(
                "site.yml:3:41: hosts[0].port: port '0' is not a number from 1 to 65535",
                "site.yml:4:41: hosts[1].port: port '65536' is not a number from 1 to 65535",
                "site.yml:5:41: hosts[2].port: port 'ssh' is not a number from 1 to 65535");
    }

    @Test
    void read_checksUserIdentityFileAndAgentPaths() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts:
                  - name: web-a
                    address: 10.0.0.11
                    user: -oProxyCommand=x
                    identityFile: id_ed25519
                    agentPath: bin/rootfleet-agent
                    agentHome: /var/lib/../rootfleet
                  - name: web-b
                    address: 10.0.0.12
                    identityFile: ~/../other/.ssh/id
                containers: []
                """)).containsExactly(
                "site.yml:5:11: hosts[0].user: user '-oProxyCommand=x' is not a login name; use up to 32 letters,"
                        + " digits, '_', '.' and '-', starting with a letter or '_'",
                "site.yml:6:19: hosts[0].identityFile: identityFile 'id_ed25519' is not a path from the root or"
                        + " from your home without '.', '..' or '//'; write e.g. ~/.ssh/id_ed25519",
                "site.yml:7:16: hosts[0].agentPath: path 'bin/rootfleet-agent' is not absolute; write it from the"
                        + " root, e.g. /srv/app",
                "site.yml:8:16: hosts[0].agentHome: path '/var/lib/../rootfleet' contains '..'; write the path"
                        + " without '.' or '..' segments",
                "site.yml:11:19: hosts[1].identityFile: identityFile '~/../other/.ssh/id' is not a path from the"
                        + " root or from your home without '.', '..' or '//'; write e.g. ~/.ssh/id_ed25519");
    }

    @Test
    void read_keepsIdentityFilesAsWritten() {
        Playbook playbook = read("""
                apiVersion: rootfleet/v1
                hosts:
                  - {name: a, address: 10.0.0.11, identityFile: ~/.ssh/id_ed25519}
                  - {name: b, address: 10.0.0.12, identityFile: /etc/rootfleet/id_ed25519}
                containers: []
                """);

        assertThat(playbook.hosts()).extracting(HostSpec::identityFile).containsExactly(
                Optional.of("~/.ssh/id_ed25519"), Optional.of("/etc/rootfleet/id_ed25519"));
    }

    @Test
    void read_checksGroupsAndLabels() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts:
                  - name: web-a
                    address: 10.0.0.11
                    groups: [web, Europe, web]
                    labels: {dc: fra1, racks: [1, 2]}
                  - name: web-b
                    address: 10.0.0.12
                    groups: web
                containers: []
                """)).containsExactly(
                "site.yml:5:19: hosts[0].groups[1]: group name 'Europe' is not valid; use 1 to 63 lowercase"
                        + " letters, digits and '-', starting and ending with a letter or digit",
                "site.yml:5:27: hosts[0].groups[2]: group 'web' is listed twice; remove one",
                "site.yml:6:31: hosts[0].labels.racks: expected a value, found a list",
                "site.yml:9:13: hosts[1].groups: expected a list, found 'web'");
    }

    @Test
    void read_refusesAGroupNamedLikeAHost() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts:
                  - {name: web-a, address: 10.0.0.11, groups: [web-b]}
                  - {name: web-b, address: 10.0.0.12, groups: [web-b]}
                containers: []
                """)).containsExactly(
                "site.yml:3:39: hosts[0].groups: group 'web-b' has the name of a host; rename the group, so that"
                        + " --limit can tell them apart");
    }

    @Test
    void read_suggestsTheFieldAMisspeltOneMeant() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts:
                  - name: web-a
                    adress: 10.0.0.11
                containers: []
                """)).as("only the typo, not the missing address it causes").containsExactly(
                "site.yml:4:5: hosts[0].adress: unknown field; did you mean 'address'? Known fields here: address,"
                        + " agentHome, agentPath, connection, groups, identityFile, labels, name, port, user");
    }

    @Test
    void read_requiresAtLeastOneHost() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts: []
                containers: []
                """)).containsExactly("site.yml:2:8: hosts: the list is empty; declare at least one host");
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts: {web-a: 10.0.0.11}
                containers: []
                """)).containsExactly("site.yml:2:8: hosts: expected a list, found a mapping");
    }

    @Test
    void read_placesNoContainersWhileAHostEntryIsBroken() {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts:
                  - {name: web-a, address: 10.0.0.11, groups: [web], port: 0}
                  - {name: web-b, address: 10.0.0.12}
                containers:
                  - {name: app, host: web-a}
                  - {name: api, group: web}
                  - {name: db, host: nowhere}
                """)).as("no container is reported as placed on an unknown host or group").containsExactly(
                "site.yml:3:60: hosts[0].port: port '0' is not a number from 1 to 65535");
    }

    @Test
    void hostSpec_checksItsFieldsWhenBuiltInCode() {
        assertThatThrownBy(() -> host(22, List.of("web", "web"))).hasMessage(
                "host 'web-a' lists a group twice: [web, web]");
        assertThatThrownBy(() -> host(70000, List.of())).hasMessage("port 70000 is not a number from 1 to 65535");
    }

    private static HostSpec host(int port, List<String> groups) {
        return new HostSpec("web-a", Optional.of("10.0.0.11"), port, "root", Optional.empty(), Connection.SSH,
                HostSpec.DEFAULT_AGENT_PATH, HostSpec.DEFAULT_AGENT_HOME, groups, new TreeMap<>());
    }
}
