package io.rootfleet.controller.playbook;

import static io.rootfleet.controller.playbook.PlaybookAssertions.problems;
import static io.rootfleet.controller.playbook.PlaybookAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Static IPv4 addresses: one per bridge of a host, after ranges are expanded and containers placed. */
class AddressClashesTest {
    private static final String HEAD = """
            apiVersion: rootfleet/v1
            hosts:
              - {name: web-a, address: 10.0.0.11, groups: [web]}
              - {name: web-b, address: 10.0.0.12, groups: [web]}
            """;

    @Test
    void read_refusesOneAddressForEveryContainerOfARangeSuggestingARange() {
        assertThat(problems(HEAD + """
                containers:
                  - name: app-{01..12}
                    host: web-a
                    network: {bridge: br0, ipv4: 10.77.0.11/24}
                """)).containsExactly(
                "site.yml:8:34: containers[0].network.ipv4: address 10.77.0.11 on bridge br0 of host web-a is given"
                        + " to more than one container (app-01, app-02, app-03, app-04, app-05, app-06, app-07,"
                        + " app-08, app-09, app-10 and 2 more); give each container on a bridge its own address, e.g."
                        + " with a range that expands along with the name: 10.77.0.{11..22}/24");
    }

    @Test
    void read_refusesAddressesTwoEntriesGiveOnOneBridgeNamingBothPlaces() {
        assertThat(problems(HEAD + """
                profiles:
                  web:
                    network: {bridge: br0, ipv4: "10.77.0.{11..22}/24"}
                containers:
                  - name: app-{01..12}
                    group: web
                    profile: web
                  - name: db
                    host: web-b
                    network:
                      bridge: br0
                      ipv4: 10.77.0.22/24
                  - name: cache-{1..3}
                    host: web-a
                    network: {bridge: br0, ipv4: "10.77.0.{20..22}/16"}
                """)).containsExactly(
                "site.yml:16:13: containers[1].network.ipv4: address 10.77.0.22 on bridge br0 of host web-b is also"
                        + " given at site.yml:7:34 (profiles.web.network.ipv4): db here, app-12 there; give each"
                        + " container on a bridge its own address",
                "site.yml:19:34: containers[2].network.ipv4: addresses 10.77.0.20, 10.77.0.21, 10.77.0.22 on bridge"
                        + " br0 of host web-a are also given at site.yml:7:34 (profiles.web.network.ipv4): cache-1,"
                        + " cache-2, cache-3 here, app-10, app-11, app-12 there; give each container on a bridge its"
                        + " own address");
    }

    @Test
    void read_letsAnAddressRepeatOnOtherHostsOtherBridgesAndForAbsentContainers() {
        Playbook playbook = read(HEAD + """
                containers:
                  - name: app
                    group: web
                    network: {bridge: br0, ipv4: 10.77.0.11/24}
                  - name: other
                    host: web-a
                    network: {bridge: br1, ipv4: 10.77.0.11/24}
                  - name: old
                    host: web-a
                    state: absent
                    network: {bridge: br0, ipv4: 10.77.0.11/24}
                  - name: dhcp-{1..2}
                    host: web-a
                    network: {bridge: br0}
                """);

        assertThat(playbook.desired().get("web-a").containers()).hasSize(5);
    }
}
