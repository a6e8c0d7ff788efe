package io.rootfleet.controller.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryHostsTest {
    @TempDir
    Path dir;

    private final List<String> notices = new ArrayList<>();

    private Playbook read(String playbook, String inventoryName, String inventory) throws IOException {
        Files.writeString(dir.resolve(inventoryName), inventory);
        Path file = Files.writeString(dir.resolve("site.yml"), playbook);
        return PlaybookReader.read(file, Optional.empty(), notices::add);
    }

    @Test
    void read_inventoryHostsJoinThePlaybooksWithWhatRootfleetUnderstands() throws IOException {
        Playbook playbook = read("""
                apiVersion: rootfleet/v1
                inventory: hosts.ini
                hosts:
                  - {name: local, connection: local}
                containers:
                  - {name: app, group: web-servers}
                  - {name: tool, group: eu}
                """, "hosts.ini", """
                [web_servers]
                web1.example.org ansible_user=deploy ansible_port=2222 http_port=80
                web-2 ansible_host=192.0.2.12 ansible_ssh_private_key_file=~/.ssh/fleet rootfleet_agent_home=/srv/rf

                [eu:children]
                web_servers

                [all:vars]
                ansible_python_interpreter=/usr/bin/python3
                """);

        assertThat(playbook.hosts()).containsExactly(
                new HostSpec("local", Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
                        Connection.LOCAL, HostSpec.DEFAULT_AGENT_PATH, HostSpec.DEFAULT_AGENT_HOME, List.of(), new TreeMap<>()),
                new HostSpec("web1-example-org", Optional.of("web1.example.org"), OptionalInt.of(2222), Optional.of("deploy"),
                        Optional.empty(), Connection.SSH, HostSpec.DEFAULT_AGENT_PATH, HostSpec.DEFAULT_AGENT_HOME,
                        List.of("web-servers", "eu"), new TreeMap<>()),
                new HostSpec("web-2", Optional.of("192.0.2.12"), OptionalInt.empty(), Optional.empty(),
                        Optional.of("~/.ssh/fleet"), Connection.SSH, HostSpec.DEFAULT_AGENT_PATH, new AbsolutePath("/srv/rf"),
                        List.of("web-servers", "eu"), new TreeMap<>()));
        assertThat(playbook.desired().get("web-2").containers()).hasSize(2);
        assertThat(playbook.desired().get("local").containers()).isEmpty();
        assertThat(notices).containsExactly(
                "inventory " + dir.resolve("hosts.ini") + ": variables rootfleet does not use, ignored:"
                        + " ansible_python_interpreter, http_port",
                "inventory " + dir.resolve("hosts.ini") + ": named for rootfleet: group web_servers -> web-servers,"
                        + " web1.example.org -> web1-example-org");
    }

    @Test
    void read_aPlaybookWithAnInventoryNeedsNoHostsOfItsOwn() throws IOException {
        Playbook playbook = read("""
                apiVersion: rootfleet/v1
                inventory: hosts.yml
                containers: []
                """, "hosts.yml", """
                all:
                  hosts:
                    here: {ansible_connection: local}
                """);

        assertThat(playbook.hosts()).extracting(HostSpec::connection).containsExactly(Connection.LOCAL);
    }

    @Test
    void read_theInventoryGivenOnTheCommandLineWins() throws IOException {
        Files.writeString(dir.resolve("other.ini"), "other-host\n");
        read("apiVersion: rootfleet/v1\ninventory: hosts.ini\ncontainers: []\n", "hosts.ini", "one-host\n");

        Playbook playbook = PlaybookReader.read(dir.resolve("site.yml"), Optional.of(dir.resolve("other.ini")), notices::add);

        assertThat(playbook.hosts()).extracting(HostSpec::name).containsExactly("other-host");
    }

    @Test
    void read_reportsInventoryValuesItCannotUseAtTheirLine() throws IOException {
        List<String> problems = problems("""
                apiVersion: rootfleet/v1
                inventory: hosts.ini
                hosts:
                  - {name: web-a, address: 10.0.0.1}
                containers: []
                """, "hosts.ini", """
                web-a
                db-1 ansible_port=http
                db-2 ansible_connection=winrm
                [db:vars]
                ansible_user=-bad
                """);

        String ini = dir.resolve("hosts.ini").toString();
        assertThat(problems).containsExactly(
                ini + ":2:1: ansible_port: port 'http' is not a number from 1 to 65535",
                ini + ":3:1: ansible_connection: connection 'winrm' cannot be used by rootfleet, which reaches hosts"
                        + " over ssh or runs the agent here (local)");
    }

    @Test
    void read_aHostInBothThePlaybookAndTheInventoryIsAProblem() throws IOException {
        assertThat(problems("""
                apiVersion: rootfleet/v1
                inventory: hosts.ini
                hosts:
                  - {name: web-a, address: 10.0.0.1}
                containers: []
                """, "hosts.ini", "db-1\nweb-a\n")).containsExactly(dir.resolve("hosts.ini") + ":2:1: host 'web-a' is"
                + " also declared in the playbook's hosts; declare each host in one place");
    }

    private List<String> problems(String playbook, String inventoryName, String inventory) throws IOException {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> read(playbook, inventoryName, inventory));
        assertThat(e).as("reading fails").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }
}
