package io.rootfleet.controller.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Problem;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnsibleInventoryTest {
    private static final String INI = """
            bastion.example.org ansible_user=admin

            [web]
            web-[1:2] http_port=80
            web-3:2222 ansible_host=192.0.2.13   # inline comment

            [db]
            db-1 ansible_host="192.0.2.21" ansible_user='postgres'

            [eu:children]
            web
            db

            [eu:vars]
            ansible_user=eu-admin
            ntp=ntp.eu

            [web:vars]
            ansible_user=web-admin

            [all:vars]
            ansible_user=everyone
            ansible_python_interpreter=/usr/bin/python3
            """;

    private static final String YAML = """
            all:
              hosts:
                bastion.example.org:
                  ansible_user: admin
              vars:
                ansible_user: everyone
                ansible_python_interpreter: /usr/bin/python3
              children:
                eu:
                  vars:
                    ansible_user: eu-admin
                    ntp: ntp.eu
                  children:
                    web:
                      hosts:
                        web-[1:2]:
                          http_port: 80
                        web-3:
                          ansible_host: 192.0.2.13
                          ansible_port: 2222
                      vars:
                        ansible_user: web-admin
                    db:
                      hosts:
                        db-1: {ansible_host: 192.0.2.21, ansible_user: postgres}
            """;

    @Test
    void ini_groupsChildrenAndVariablesMergedAsAnsibleDoes() {
        assertInventory(AnsibleInventory.parse(INI, "hosts.ini"));
    }

    @Test
    void yaml_readsTheSameInventory() {
        assertInventory(AnsibleInventory.parse(YAML, "hosts.yml"));
    }

    private static void assertInventory(List<InventoryHost> hosts) {
        assertThat(hosts).extracting(InventoryHost::name)
                .containsExactly("bastion.example.org", "web-1", "web-2", "web-3", "db-1");
        Map<String, InventoryHost> byName = hosts.stream().collect(Collectors.toMap(InventoryHost::name, h -> h));
        assertThat(values(byName.get("bastion.example.org"))).containsEntry("ansible_user", "admin");
        assertThat(byName.get("bastion.example.org").groups()).isEmpty();
        assertThat(values(byName.get("web-1"))).as("the child group's value wins over its parent's and all's")
                .containsEntry("ansible_user", "web-admin")
                .containsEntry("ntp", "ntp.eu")
                .containsEntry("http_port", "80")
                .containsEntry("ansible_python_interpreter", "/usr/bin/python3");
        assertThat(byName.get("web-1").groups()).containsExactly("web", "eu");
        assertThat(values(byName.get("web-3"))).containsEntry("ansible_host", "192.0.2.13").containsEntry("ansible_port", "2222");
        assertThat(values(byName.get("db-1"))).as("the host's own value wins")
                .containsEntry("ansible_user", "postgres").containsEntry("ansible_host", "192.0.2.21");
        assertThat(byName.get("db-1").groups()).containsExactly("db", "eu");
    }

    private static Map<String, String> values(InventoryHost host) {
        return host.vars().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value()));
    }

    @Test
    void variables_rememberWhereTheyWereWritten() {
        InventoryHost web1 = AnsibleInventory.parse(INI, "hosts.ini").get(1);

        assertThat(web1.location().toString()).isEqualTo("hosts.ini:4:1");
        assertThat(web1.vars().get("ansible_user").location().toString()).isEqualTo("hosts.ini:19:1");
    }

    @Test
    void ranges_countWithPaddingLettersAndSteps() {
        assertThat(IniInventoryParser.expand("web[01:03].example.org"))
                .containsExactly("web01.example.org", "web02.example.org", "web03.example.org");
        assertThat(IniInventoryParser.expand("db-[a:c]")).containsExactly("db-a", "db-b", "db-c");
        assertThat(IniInventoryParser.expand("n[0:10:5]")).containsExactly("n0", "n5", "n10");
    }

    @Test
    void errors_nameFileAndLine() {
        assertThat(problems("[web\nweb-1\n[web:hosts]\n[db:vars]\nno-equals\n", "hosts.ini")).containsExactly(
                "hosts.ini:1:1: '[web' is not a section header; write [group], [group:vars] or [group:children]",
                "hosts.ini:3:1: '[web:hosts]' is not a section header; write [group], [group:vars] or [group:children]",
                "hosts.ini:5:1: 'no-equals' is not a variable; write name=value");
        assertThat(problems("[a:children]\nb\n[b:children]\na\n", "loop.ini")).containsExactly(
                "loop.ini:1:1: group 'a' is among its own children (through b); remove the loop",
                "loop.ini:3:1: group 'b' is among its own children (through a); remove the loop");
        assertThat(problems("all:\n  hostz: {a: ~}\n", "hosts.yml")).singleElement().asString()
                .startsWith("hosts.yml:2:3: all.hostz: unknown field; did you mean 'hosts'?");
        assertThat(problems("[web]\nweb-[1:x]\n", "r.ini")).containsExactly(
                "r.ini:2:1: host 'web-[1:x]': a range counts from a number to a number, or a letter to a letter");
    }

    private static List<String> problems(String text, String source) {
        try {
            AnsibleInventory.parse(text, source);
        } catch (InvalidInputException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("no problem found");
    }

    @Test
    void read_aMissingFileSaysSo() {
        assertThatThrownBy(() -> AnsibleInventory.read(java.nio.file.Path.of("/nonexistent/hosts.ini")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such file; check the inventory's path");
    }
}
