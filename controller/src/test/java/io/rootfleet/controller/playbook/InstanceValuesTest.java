package io.rootfleet.controller.playbook;

import static io.rootfleet.controller.playbook.PlaybookAssertions.ONE_HOST;
import static io.rootfleet.controller.playbook.PlaybookAssertions.problems;
import static io.rootfleet.controller.playbook.PlaybookAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.FileSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values of their own for the containers of one entry: ranges along with the name's, {{name}} and {{index}}. */
class InstanceValuesTest {
    @Test
    void read_expandsARangeInAValueAlongWithTheNamesRange() {
        List<ContainerSpec> containers = containers(ONE_HOST + """
                containers:
                  - name: app-{01..03}
                    host: web-a
                    network: {bridge: br0, ipv4: "10.77.0.{11..13}/24", hwaddr: "02:00:00:00:00:{08..10}"}
                    mounts:
                      - {source: "/srv/data/{1..3}", target: /var/lib/app}
                """);

        assertThat(containers).extracting(c -> c.name().value(),
                        c -> c.network().orElseThrow().ipv4().orElseThrow().toString(),
                        c -> c.network().orElseThrow().hwaddr().orElseThrow(),
                        c -> c.mounts().get(0).source().value())
                .containsExactly(
                        tuple("app-01", "10.77.0.11/24", "02:00:00:00:00:08", "/srv/data/1"),
                        tuple("app-02", "10.77.0.12/24", "02:00:00:00:00:09", "/srv/data/2"),
                        tuple("app-03", "10.77.0.13/24", "02:00:00:00:00:10", "/srv/data/3"));
    }

    @Test
    void read_replacesNameAndIndexInTextFieldsAndFileContent() {
        List<ContainerSpec> containers = containers(ONE_HOST + """
                containers:
                  - name: app-{09..10}
                    host: web-a
                    hostname: "{{name}}.fleet.test"
                    env: {NODE: "{{index}}", LABEL: "{{ name }}/{{index}}"}
                    files:
                      - path: /var/www/html/{{name}}.html
                        content: |
                          <h1>{{name}}, number {{index}}</h1>
                """);

        assertThat(containers).extracting(c -> c.effectiveHostname().value(), c -> c.env().get("NODE"),
                        c -> c.env().get("LABEL"), c -> c.files().get(0).path().value(), c -> c.files().get(0).content())
                .containsExactly(
                        tuple("app-09.fleet.test", "09", "app-09/09", "/var/www/html/app-09.html",
                                "<h1>app-09, number 09</h1>\n"),
                        tuple("app-10.fleet.test", "10", "app-10/10", "/var/www/html/app-10.html",
                                "<h1>app-10, number 10</h1>\n"));
    }

    @Test
    void read_givesAnEntryWithoutARangeItsNameAndKeepsOtherBracesAsWritten() {
        ContainerSpec container = containers(ONE_HOST + """
                containers:
                  - name: app
                    host: web-a
                    hostname: "{{name}}.fleet.test"
                    init: [/bin/sh, -c, "for i in {1..3}; do echo {{name}} $i; done; sleep infinity"]
                    files:
                      - path: /etc/app/loop.sh
                        content: "for i in {1..5}; do echo {{ .Values.x }} {{host}} \\\\{{name}} \\\\{{ index }}; done"
                """).get(0);

        assertThat(container.effectiveHostname().value()).isEqualTo("app.fleet.test");
        assertThat(container.init()).containsExactly("/bin/sh", "-c",
                "for i in {1..3}; do echo app $i; done; sleep infinity");
        assertThat(container.files()).extracting(FileSpec::content).containsExactly(
                "for i in {1..5}; do echo {{ .Values.x }} {{host}} {{name}} {{ index }}; done");
    }

    @Test
    void read_expandsARangeInAnInheritedValueAlongWithEachEntrysName() {
        Playbook playbook = read(ONE_HOST + """
                profiles:
                  web:
                    network: {bridge: br0, ipv4: "10.77.0.{11..12}/24"}
                    env: {SITE: "site-{{index}}"}
                containers:
                  - {name: "a-{1..2}", host: web-a, profile: web}
                  - {name: "b-{1..2}", host: web-a, profile: web, network: {bridge: br1}}
                """);

        assertThat(playbook.desired().get("web-a").containers()).extracting(c -> c.name().value(),
                        c -> c.network().orElseThrow().bridge() + " " + c.network().orElseThrow().ipv4().orElseThrow(),
                        c -> c.env().get("SITE"))
                .containsExactly(
                        tuple("a-1", "br0 10.77.0.11/24", "site-1"),
                        tuple("a-2", "br0 10.77.0.12/24", "site-2"),
                        tuple("b-1", "br1 10.77.0.11/24", "site-1"),
                        tuple("b-2", "br1 10.77.0.12/24", "site-2"));
    }

    @Test
    void read_refusesARangeOfAnotherLengthNamingBothRanges() {
        assertThat(problems(ONE_HOST + """
                profiles:
                  web:
                    network: {bridge: br0, ipv4: "10.77.0.{11..22}/24"}
                containers:
                  - name: app-{01..12}
                    host: web-a
                    env: {PORT: "80{1..9}"}
                  - name: one
                    host: web-a
                    profile: web
                """)).containsExactly(
                "site.yml:5:34: profiles.web.network.ipv4: range {11..22} makes 12 values but the name 'one' makes one"
                        + " container; a range in a value expands along with a range in the name, like name:"
                        + " one-{1..12}",
                "site.yml:9:17: containers[0].env.PORT: range {1..9} makes 9 values but the name's range {01..12}"
                        + " makes 12 names; give both ranges the same length");
    }

    @Test
    void read_refusesBadRangesInValuesAndAnIndexWithoutARange() {
        assertThat(problems(ONE_HOST + """
                containers:
                  - name: app-{1..2}
                    host: web-a
                    hostname: "h{2..1}"
                    env: {A: "{1..2}-{1..2}"}
                  - name: single
                    host: web-a
                    env: {NODE: "{{name}}-{{index}}"}
                """)).containsExactly(
                "site.yml:6:15: containers[0].hostname: range {2..1} counts down; write the smaller number first,"
                        + " like {1..2}",
                "site.yml:7:14: containers[0].env.A: '{1..2}-{1..2}' has 2 ranges; a value may have one, which"
                        + " expands along with the name's",
                "site.yml:10:17: containers[1].env.NODE: {{index}} is the number the name's range gives each"
                        + " container, and the name 'single' has no range; use {{name}}, or give the name a range like"
                        + " single-{1..3}");
    }

    @Test
    void read_reportsTheFirstContainerWhoseOwnValueIsInvalid() {
        assertThat(problems(ONE_HOST + """
                containers:
                  - name: app-{1..11}
                    host: web-a
                    network: {bridge: br0, ipv4: "10.0.0.{250..260}/24"}
                    state: runing
                """)).containsExactly(
                "site.yml:6:34: containers[0].network.ipv4: '10.0.0.256' is not an IPv4 address like 10.0.3.5",
                "site.yml:7:12: containers[0].state: state 'runing' is not one of started, stopped, absent");
    }

    @Test
    void read_stillChecksTheValuesOfAnEntryWithABadName() {
        assertThat(problems(ONE_HOST + """
                containers:
                  - name: App-{1..2}
                    host: web-a
                    hostname: "{{name}}.x"
                    network: {bridge: br0, ipv4: "10.0.0.{1..2}/33"}
                """)).containsExactly(
                "site.yml:4:11: containers[0].name: name 'App-{1..2}' makes invalid names: container name 'App-1' is"
                        + " not valid; use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter"
                        + " or digit (e.g. web-01)",
                "site.yml:7:34: containers[0].network.ipv4: prefix length /33 is not between /1 and /32");
    }

    private static List<ContainerSpec> containers(String yaml) {
        return read(yaml).desired().get("web-a").containers();
    }
}
