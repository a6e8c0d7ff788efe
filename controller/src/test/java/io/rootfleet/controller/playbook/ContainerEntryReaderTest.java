package io.rootfleet.controller.playbook;

import static io.rootfleet.controller.playbook.PlaybookAssertions.problems;
import static io.rootfleet.controller.playbook.PlaybookAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.ContainerSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Container entries: names and ranges, placement on hosts and groups, and names shared on a host. */
class ContainerEntryReaderTest {
    private static final String HEAD = """
            apiVersion: rootfleet/v1
            hosts:
              - {name: web-a, address: 10.0.0.11, groups: [web, eu]}
              - {name: web-b, address: 10.0.0.12, groups: [web]}
              - {name: db-a, address: 10.0.0.13, groups: [eu]}
            """;

    @Test
    void read_placesAnEntryOnAHostOnHostsOrOnAGroup() {
        Playbook playbook = read(HEAD + """
                containers:
                  - {name: one, host: db-a}
                  - {name: two, hosts: [web-b, db-a]}
                  - {name: three, group: eu}
                """);

        assertThat(names(playbook)).containsExactly(
                Map.entry("web-a", List.of("three")),
                Map.entry("web-b", List.of("two")),
                Map.entry("db-a", List.of("one", "two", "three")));
    }

    @Test
    void read_expandsARangeInCountingOrderWithTheSameFields() {
        Playbook playbook = read(HEAD + """
                containers:
                  - name: web-{08..10}
                    host: web-a
                    env: {ROLE: web}
                  - name: db-{1..2}
                    host: web-a
                """);

        List<ContainerSpec> containers = playbook.desired().get("web-a").containers();
        assertThat(containers).extracting(c -> c.name().value())
                .containsExactly("web-08", "web-09", "web-10", "db-1", "db-2");
        assertThat(containers.subList(0, 3)).extracting(ContainerSpec::env).containsOnly(
                new TreeMap<>(Map.of("ROLE", "web")));
        assertThat(containers.get(1).effectiveHostname().value()).isEqualTo("web-09");
    }

    @Test
    void read_reportsBadNamesAndRangesAtTheName() {
        assertThat(problems(HEAD + """
                containers:
                  - name: web-{05..01}
                    host: web-a
                  - name: web-{a..c}
                    host: web-a
                  - name: web-{1..20000}
                    host: web-a
                  - name: Web-{1..3}
                    host: web-a
                  - name: web_1
                    host: web-a
                  - host: web-a
                """)).containsExactly(
                "site.yml:7:11: containers[0].name: range {05..01} counts down; write the smaller number first,"
                        + " like {01..05}",
                "site.yml:9:11: containers[1].name: range {a..c} is not two whole numbers; write it like {1..3} or"
                        + " {01..50}",
                "site.yml:11:11: containers[2].name: range {1..20000} makes 20000 names; one entry may make at"
                        + " most 10000",
                "site.yml:13:11: containers[3].name: name 'Web-{1..3}' makes invalid names: container name 'Web-1'"
                        + " is not valid; use 1 to 63 lowercase letters, digits and '-', starting and ending with a"
                        + " letter or digit (e.g. web-01)",
                "site.yml:15:11: containers[4].name: container name 'web_1' is not valid; use 1 to 63 lowercase"
                        + " letters, digits and '-', starting and ending with a letter or digit (e.g. web-01)",
                "site.yml:17:5: containers[5].name: required field is missing");
    }

    @Test
    void read_stillChecksTheFieldsOfAnEntryWithABadName() {
        assertThat(problems(HEAD + """
                containers:
                  - name: web-{3..1}
                    host: web-a
                    state: running
                """)).containsExactly(
                "site.yml:7:11: containers[0].name: range {3..1} counts down; write the smaller number first, like"
                        + " {1..3}",
                "site.yml:9:12: containers[0].state: state 'running' is not one of started, stopped, absent");
    }

    @Test
    void read_requiresExactlyOneOfHostHostsAndGroup() {
        assertThat(problems(HEAD + """
                containers:
                  - name: nowhere
                  - name: twice
                    host: web-a
                    group: web
                  - name: thrice
                    hosts: [web-a]
                    host: web-b
                    group: eu
                """)).containsExactly(
                "site.yml:7:5: containers[0]: say where these containers run: set host: NAME, hosts: [NAMES] or"
                        + " group: NAME",
                "site.yml:10:5: containers[1]: set only one of host, hosts and group; this entry sets host and"
                        + " group",
                "site.yml:13:5: containers[2]: set only one of host, hosts and group; this entry sets hosts, host"
                        + " and group");
    }

    @Test
    void read_refusesUnknownHostsAndGroupsNamingTheKnownOnes() {
        assertThat(problems(HEAD + """
                containers:
                  - {name: a, host: web-c}
                  - {name: b, hosts: [web-a, dba]}
                  - {name: c, group: us}
                """)).containsExactly(
                "site.yml:7:21: containers[0].host: unknown host 'web-c'; known hosts: web-a, web-b, db-a",
                "site.yml:8:30: containers[1].hosts[1]: unknown host 'dba'; known hosts: web-a, web-b, db-a",
                "site.yml:9:22: containers[2].group: unknown group 'us'; known groups: eu, web");
        assertThat(problems("""
                apiVersion: rootfleet/v1
                hosts: [{name: web-a, address: 10.0.0.11}]
                containers:
                  - {name: a, group: web}
                """)).containsExactly("site.yml:4:22: containers[0].group: unknown group 'web'; no host has groups");
    }

    @Test
    void read_refusesMalformedPlacements() {
        assertThat(problems(HEAD + """
                containers:
                  - {name: a, hosts: []}
                  - {name: b, hosts: [web-a, web-a]}
                  - {name: c, host: [web-a]}
                  - {name: d, hosts: web-a}
                """)).containsExactly(
                "site.yml:7:22: containers[0].hosts: the list is empty; name at least one host",
                "site.yml:8:30: containers[1].hosts[1]: host 'web-a' is listed twice; remove one",
                "site.yml:9:21: containers[2].host: expected a value, found a list",
                "site.yml:10:22: containers[3].hosts: expected a list, found 'web-a'");
    }

    @Test
    void read_refusesANameTwiceOnAHostPointingAtBothEntries() {
        assertThat(problems(HEAD + """
                containers:
                  - name: app
                    host: web-a
                  - name: app
                    hosts: [web-b, web-a]
                  - name: app
                    host: db-a
                """)).containsExactly(
                "site.yml:9:11: containers[1].name: container app on host web-a is also declared by"
                        + " containers[0].name at line 7; a name is used once per host, so rename one or place it"
                        + " on other hosts");
    }

    @Test
    void read_refusesOverlappingRangesOnceForEachPairOfEntries() {
        assertThat(problems(HEAD + """
                containers:
                  - name: web-{01..10}
                    group: web
                  - name: web-{08..12}
                    group: web
                  - name: web-{1..3}
                    group: web
                  - name: web-10
                    host: web-b
                """)).containsExactly(
                "site.yml:9:11: containers[1].name: containers web-08, web-09, web-10 on hosts web-a, web-b are"
                        + " also declared by containers[0].name at line 7; a name is used once per host, so rename"
                        + " them or place them on other hosts",
                "site.yml:13:11: containers[3].name: container web-10 on host web-b is also declared by"
                        + " containers[0].name at line 7; a name is used once per host, so rename one or place it"
                        + " on other hosts");
    }

    @Test
    void read_listsAtMostTenNamesOfAClash() {
        assertThat(problems(HEAD + """
                containers:
                  - {name: "w{1..30}", host: web-a}
                  - {name: "w{1..30}", host: web-a}
                """)).containsExactly(
                "site.yml:8:12: containers[1].name: containers w1, w10, w11, w12, w13, w14, w15, w16, w17, w18 and"
                        + " 20 more on host web-a are also declared by containers[0].name at line 7; a name is used"
                        + " once per host, so rename them or place them on other hosts");
    }

    private static List<Map.Entry<String, List<String>>> names(Playbook playbook) {
        return playbook.desired().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().containers().stream().map(c -> c.name().value()).toList()))
                .toList();
    }
}
