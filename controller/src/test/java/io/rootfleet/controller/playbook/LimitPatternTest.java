package io.rootfleet.controller.playbook;

import static io.rootfleet.controller.playbook.PlaybookAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.yaml.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitPatternTest {
    private final Playbook playbook = read("""
            apiVersion: rootfleet/v1
            hosts:
              - {name: web-a, address: 10.0.0.11, groups: [web, eu]}
              - {name: web-b, address: 10.0.0.12, groups: [web, us]}
              - {name: db-1, address: 10.0.0.13, groups: [db, eu]}
              - {name: db-2, address: 10.0.0.14, groups: [db, us, web-servers]}
            containers: []
            """);

    private List<String> limit(String pattern) {
        return playbook.limit(pattern).hosts().stream().map(HostSpec::name).toList();
    }

    @Test
    void ansiblePatterns() {
        assertThat(limit("web:&eu")).containsExactly("web-a");
        assertThat(limit("eu:!db-1")).containsExactly("web-a");
        assertThat(limit("!db-1")).as("only exclusions: every host but those").containsExactly("web-a", "web-b", "db-2");
        assertThat(limit("web:db")).containsExactly("web-a", "web-b", "db-1", "db-2");
        assertThat(limit("db-*")).containsExactly("db-1", "db-2");
        assertThat(limit("web-?")).containsExactly("web-a", "web-b");
        assertThat(limit("u*")).as("a glob matches groups too").containsExactly("web-b", "db-2");
        assertThat(limit("~db-[12]")).containsExactly("db-1", "db-2");
        assertThat(limit("all:!web")).containsExactly("db-1", "db-2");
        assertThat(limit("*")).hasSize(4);
        assertThat(limit("web_servers")).as("the inventory's spelling of a group").containsExactly("db-2");
    }

    @Test
    void termsThatMatchNothingAreErrors() {
        assertThatThrownBy(() -> playbook.limit("web:&nowhere"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--limit: 'nowhere' is neither a host nor a group of this playbook; known hosts:");
        assertThatThrownBy(() -> playbook.limit("x*"))
                .hasMessageStartingWith("--limit: 'x*' is neither a host nor a group of this playbook;");
        assertThatThrownBy(() -> playbook.limit("web:&db"))
                .hasMessage("--limit: names no host; give host or group names separated by commas, e.g. --limit web-a,eu");
        assertThatThrownBy(() -> playbook.limit("~(")).hasMessageStartingWith("--limit: '~(' is not a regular expression");
    }
}
