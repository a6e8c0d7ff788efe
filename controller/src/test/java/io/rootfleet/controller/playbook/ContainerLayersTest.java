package io.rootfleet.controller.playbook;

import static io.rootfleet.controller.playbook.PlaybookAssertions.ONE_HOST;
import static io.rootfleet.controller.playbook.PlaybookAssertions.problems;
import static io.rootfleet.controller.playbook.PlaybookAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.Limits;
import io.rootfleet.model.StopPolicy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Defaults, profiles and an entry's own fields: who wins, how mappings merge, and where problems point. */
class ContainerLayersTest {
    @Test
    void read_letsTheEntryWinOverItsProfileAndTheProfileOverTheDefaults() {
        ContainerSpec spec = only(ONE_HOST + """
                defaults:
                  template: minimal
                  state: stopped
                  init: [/bin/true]
                profiles:
                  web:
                    template: debian
                    init: [/usr/sbin/apache2ctl, -D, FOREGROUND]
                containers:
                  - name: app
                    host: web-a
                    profile: web
                    init: [/usr/sbin/nginx, -g, daemon off;]
                """);

        assertThat(spec.template()).as("profile over defaults").isEqualTo("debian");
        assertThat(spec.state().yamlName()).as("from the defaults").isEqualTo("stopped");
        assertThat(spec.init()).as("a list is replaced, not joined").containsExactly(
                "/usr/sbin/nginx", "-g", "daemon off;");
    }

    @Test
    void read_mergesMappingsKeyByKeyThroughAllThreeLayers() {
        ContainerSpec spec = only(ONE_HOST + """
                defaults:
                  env: {TZ: UTC, LANG: C.UTF-8}
                  limits: {memory: 128M, pids: 100}
                  stop: {timeout: 5s}
                  network: {bridge: br0, gateway: 10.0.3.1}
                profiles:
                  web:
                    env: {TIER: front, LANG: en_US.UTF-8}
                    limits: {memory: 256M, cpus: 2}
                containers:
                  - name: app
                    host: web-a
                    profile: web
                    env: {TZ: Europe/Berlin}
                    limits: {cpus: 0.5}
                    stop: {signal: SIGINT}
                    network: {ipv4: 10.0.3.5/24}
                """);

        assertThat(spec.env()).isEqualTo(Map.of(
                "LANG", "en_US.UTF-8", "TIER", "front", "TZ", "Europe/Berlin"));
        assertThat(spec.limits()).isEqualTo(new Limits(Optional.of(256L * 1024 * 1024), Optional.of(500),
                Optional.of(100)));
        assertThat(spec.stop()).contains(new StopPolicy("SIGINT", 5));
        assertThat(spec.network().orElseThrow().ipv4().orElseThrow()).hasToString("10.0.3.5/24");
        assertThat(spec.network().orElseThrow().gateway().orElseThrow()).hasToString("10.0.3.1");
        assertThat(spec.network().orElseThrow().bridge()).isEqualTo("br0");
    }

    @Test
    void read_letsAnEntryUnsetOrReplaceAnInheritedMapping() {
        Playbook playbook = read(ONE_HOST + """
                defaults:
                  network: {bridge: br0}
                  env: {TZ: UTC}
                containers:
                  - {name: plain, host: web-a}
                  - {name: unset, host: web-a, network: ~, env: ~}
                  - {name: none, host: web-a, network: none}
                """);

        assertThat(playbook.desired().get("web-a").containers())
                .extracting(c -> c.name().value(), c -> c.network().isPresent(), c -> c.env().isEmpty())
                .containsExactly(
                        tuple("plain", true, false), tuple("unset", false, true), tuple("none", false, false));
    }

    @Test
    void read_reportsAnInheritedValueOnceWhereItWasWritten() {
        assertThat(problems(ONE_HOST + """
                defaults:
                  limits: {memory: 1Q}
                profiles:
                  web:
                    stop: {timeout: soon}
                containers:
                  - name: a
                    host: web-a
                    profile: web
                  - name: b-{1..20}
                    host: web-a
                    profile: web
                  - name: c
                    host: web-a
                    env: {TZ: [UTC]}
                """)).containsExactly(
                "site.yml:4:20: defaults.limits.memory: '1Q' is not a size; write e.g. 512M or 2G",
                "site.yml:7:21: profiles.web.stop.timeout: 'soon' is not a duration like 10s or 2m",
                "site.yml:17:15: containers[2].env.TZ: expected a value, found a list");
    }

    @Test
    void read_reportsAnUnknownFieldInTheLayerThatHasIt() {
        assertThat(problems(ONE_HOST + """
                defaults:
                  tempalte: minimal
                profiles:
                  web:
                    limits: {memroy: 1G}
                containers:
                  - name: app
                    host: web-a
                    profile: web
                    hots: [web-a]
                """)).containsExactly(
                "site.yml:4:3: defaults.tempalte: unknown field; did you mean 'template'? Known fields here:"
                        + " allowPrivilegedWithoutAppArmor, autostart, env, files, group, health, hide, host, hostname,"
                        + " hosts, init, limits, mounts, name, network, order, privileged, profile, services, state,"
                        + " stop, template, unhide",
                "site.yml:7:14: profiles.web.limits.memroy: unknown field; did you mean 'memory'? Known fields"
                        + " here: cpus, memory, pids",
                "site.yml:12:5: containers[0].hots: unknown field; did you mean 'hosts'? Known fields here:"
                        + " allowPrivilegedWithoutAppArmor, autostart, env, files, group, health, hide, host, hostname,"
                        + " hosts, init, limits, mounts, name, network, order, privileged, profile, services, state,"
                        + " stop, template, unhide");
    }

    @Test
    void read_reportsAProblemOfTheMergedContainerAtTheEntry() {
        assertThat(problems(ONE_HOST + """
                profiles:
                  systemd:
                    services: [apache2.service]
                containers:
                  - name: app
                    host: web-a
                    profile: systemd
                    init: [/bin/sleep, infinity]
                """)).containsExactly(
                "site.yml:7:5: containers[0]: services are started by the host's init (systemd); with a custom init,"
                        + " drop services or drop init");
    }

    @Test
    void read_refusesEntryKeysInDefaultsAndProfiles() {
        assertThat(problems(ONE_HOST + """
                defaults:
                  host: web-a
                  name: x
                profiles:
                  web:
                    profile: base
                    group: web
                containers: []
                """)).containsExactly(
                "site.yml:4:3: defaults.host: host is set by each entry under containers, not in defaults or"
                        + " profiles; move it there",
                "site.yml:5:3: defaults.name: name is set by each entry under containers, not in defaults or"
                        + " profiles; move it there",
                "site.yml:8:5: profiles.web.profile: profile is set by each entry under containers, not in"
                        + " defaults or profiles; move it there",
                "site.yml:9:5: profiles.web.group: group is set by each entry under containers, not in defaults or"
                        + " profiles; move it there");
    }

    @Test
    void read_refusesAnUnknownProfile() {
        assertThat(problems(ONE_HOST + """
                profiles:
                  web: {template: debian}
                  db: {template: minimal}
                containers:
                  - {name: app, host: web-a, profile: wbe}
                """)).containsExactly(
                "site.yml:7:39: containers[0].profile: unknown profile 'wbe'; known profiles: web, db");
        assertThat(problems(ONE_HOST + """
                containers:
                  - {name: app, host: web-a, profile: web}
                """)).containsExactly(
                "site.yml:4:39: containers[0].profile: unknown profile 'web'; this playbook has no profiles");
    }

    @Test
    void read_refusesLayersThatAreNotMappingsAndBadProfileNames() {
        assertThat(problems(ONE_HOST + """
                defaults: [template]
                profiles:
                  web: template
                  Big_One: {}
                containers:
                  - {name: app, host: web-a, profile: web}
                """)).as("naming the broken profile is not reported too").containsExactly(
                "site.yml:3:11: defaults: expected a mapping (key: value lines), found a list",
                "site.yml:5:8: profiles.web: expected a mapping (key: value lines), found 'template'",
                "site.yml:6:3: profiles.Big_One: profile name 'Big_One' is not valid; use 1 to 63 lowercase"
                        + " letters, digits and '-', starting and ending with a letter or digit");
    }

    private static ContainerSpec only(String yaml) {
        return read(yaml).desired().get("web-a").containers().get(0);
    }
}
