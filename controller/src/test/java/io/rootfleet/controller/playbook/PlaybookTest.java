package io.rootfleet.controller.playbook;

import static io.rootfleet.controller.playbook.PlaybookAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.DesiredState;
import io.rootfleet.model.yaml.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaybookTest {
    private final Playbook playbook = read("""
            apiVersion: rootfleet/v1
            hosts:
              - {name: web-a, address: 10.0.0.11, groups: [web, eu]}
              - {name: web-b, address: 10.0.0.12, groups: [web, us]}
              - {name: db-a, address: 10.0.0.13, groups: [eu]}
              - {name: spare, address: 10.0.0.14}
            containers:
              - {name: app, group: web}
              - {name: pg, host: db-a}
            """);

    @Test
    void limit_keepsTheNamedHostsInPlaybookOrderWithTheirDesiredStates() {
        Playbook limited = playbook.limit("db-a,web-a");

        assertThat(limited.hosts()).extracting(HostSpec::name).containsExactly("web-a", "db-a");
        assertThat(limited.desired()).containsOnlyKeys("web-a", "db-a");
        assertThat(limited.desired().get("db-a")).isEqualTo(playbook.desired().get("db-a"));
    }

    @Test
    void limit_takesGroupsAndHostsTogether() {
        assertThat(playbook.limit("eu").hosts()).extracting(HostSpec::name).containsExactly("web-a", "db-a");
        assertThat(playbook.limit(" us , spare,web-b ").hosts()).extracting(HostSpec::name)
                .containsExactly("web-b", "spare");
        assertThat(playbook.limit("web,eu,us").hosts()).hasSize(3);
    }

    @Test
    void limit_keepsAHostWithoutContainersAndItsEmptyDesiredState() {
        assertThat(playbook.limit("spare").desired()).containsExactly(Map.entry("spare", new DesiredState(List.of())));
    }

    @Test
    void limit_refusesNamesThatAreNeitherHostsNorGroups() {
        assertThatThrownBy(() -> playbook.limit("web-a,webb"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--limit: 'webb' is neither a host nor a group of this playbook; known hosts: web-a,"
                        + " web-b, db-a, spare; known groups: eu, us, web");
        assertThatThrownBy(() -> playbook.limit("x,y"))
                .hasMessage("--limit: 'x', 'y' are neither hosts nor groups of this playbook; known hosts: web-a,"
                        + " web-b, db-a, spare; known groups: eu, us, web");
    }

    @Test
    void limit_refusesALimitThatNamesNothing() {
        assertThatThrownBy(() -> playbook.limit(" , "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--limit: names no host; give host or group names separated by commas, e.g. --limit"
                        + " web-a,eu");
    }

    @Test
    void playbook_needsADesiredStateForEveryHostAndNoOther() {
        List<HostSpec> hosts = playbook.hosts();
        DesiredState empty = new DesiredState(List.of());

        assertThatThrownBy(() -> new Playbook(hosts, Map.of("web-a", empty)))
                .hasMessage("host 'web-b' has no desired state");
        assertThatThrownBy(() -> new Playbook(hosts.subList(0, 1), Map.of("web-a", empty, "elsewhere", empty)))
                .hasMessage("desired states for hosts that are not listed: [elsewhere]");
        assertThatThrownBy(() -> new Playbook(List.of(hosts.get(0), hosts.get(0)), Map.of("web-a", empty)))
                .hasMessage("host 'web-a' is listed twice");
    }
}
