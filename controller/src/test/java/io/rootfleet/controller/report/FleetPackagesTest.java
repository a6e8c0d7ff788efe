package io.rootfleet.controller.report;

import static io.rootfleet.controller.patch.Scans.container;
import static io.rootfleet.controller.patch.Scans.restarted;
import static io.rootfleet.controller.patch.Scans.scan;
import static io.rootfleet.controller.patch.Scans.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.controller.patch.HostPatch;
import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.PackageChange;
import io.rootfleet.model.report.StaleReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The package changes behind the stale containers, merged across hosts. */
class FleetPackagesTest {
    private static final List<String> CVES = List.of("CVE-2099-0001", "CVE-2099-0002");

    private static HostScan host(String host, List<String> stale, PackageChange... packages) {
        return HostScan.of(host, new StaleReport("rootfleet/v1", 3, stale.stream().map(n -> container(n, true)).toList(),
                List.of(packages)), 3);
    }

    private static List<HostScan> fleet() {
        return List.of(
                host("a", List.of("web-1", "web-2"), new PackageChange("libssl3", "3.0.19-1", "3.0.22-1", CVES, List.of("web-1", "web-2")),
                        new PackageChange("libc6", "2.36-9", "2.36-10", List.of(), List.of("web-1"))),
                host("b", List.of("web-1"), new PackageChange("libssl3", "3.0.19-1", "3.0.22-1", List.of("CVE-2099-0001"),
                        List.of("web-1"))),
                host("c", List.of("db"), new PackageChange("libssl3", "3.0.20-1", "3.0.22-1", List.of("CVE-2099-0002"), List.of("db"))),
                unreachable("d"),
                scan("e", 1, 0)); // an older agent: no attribution
    }

    @Test
    void of_mergesTheSameChangeAcrossHosts_namingContainersByHost() {
        assertThat(FleetPackages.of(fleet())).containsExactly(
                new PackageChange("libssl3", "3.0.19-1", "3.0.22-1", CVES, List.of("a/web-1", "a/web-2", "b/web-1")),
                new PackageChange("libc6", "2.36-9", "2.36-10", List.of(), List.of("a/web-1")),
                new PackageChange("libssl3", "3.0.20-1", "3.0.22-1", List.of("CVE-2099-0002"), List.of("c/db")));
    }

    @Test
    void line_countsContainersAndHosts() {
        List<PackageChange> merged = FleetPackages.of(fleet());
        assertThat(FleetPackages.line(merged.get(0)))
                .isEqualTo("libssl3 3.0.19-1 -> 3.0.22-1 (CVE-2099-0001, CVE-2099-0002): 3 containers on 2 hosts");
        assertThat(FleetPackages.line(merged.get(1))).isEqualTo("libc6 2.36-9 -> 2.36-10: 1 container on 1 host");
    }

    @Test
    void staleScanReport_endsWithThePackages() {
        StringWriter text = new StringWriter();
        new StaleScanReport(fleet()).print(new PrintWriter(text, true));
        assertThat(text.toString()).endsWith("""
                host packages behind the stale containers:
                  libssl3 3.0.19-1 -> 3.0.22-1 (CVE-2099-0001, CVE-2099-0002): 3 containers on 2 hosts
                  libc6 2.36-9 -> 2.36-10: 1 container on 1 host
                  libssl3 3.0.20-1 -> 3.0.22-1 (CVE-2099-0002): 1 container on 1 host
                """);
        StringWriter none = new StringWriter();
        new StaleScanReport(List.of(scan("e", 1, 0))).print(new PrintWriter(none, true));
        assertThat(none.toString()).doesNotContain("host packages");
    }

    @Test
    void patchReport_textAndJson_carryThePackagesOfTheScansBefore() throws Exception {
        List<HostPatch> hosts = fleet().stream().filter(HostScan::ok).map(s -> HostPatch.of(s,
                Optional.of(restarted(s.host(), s.staleCount())), Optional.of(scan(s.host(), 0, 1)), false)).toList();
        PatchReport report = new PatchReport(new PatchResult(hosts, false, Optional.empty()), ExitStatus.OK);
        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text, true));
        assertThat(text.toString()).contains("""
                host packages behind the stale containers:
                  libssl3 3.0.19-1 -> 3.0.22-1 (CVE-2099-0001, CVE-2099-0002): 3 containers on 2 hosts
                """);
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.path("packages")).hasSize(3);
        assertThat(json.path("packages").get(0).toString()).isEqualTo("{\"name\":\"libssl3\",\"fromVersion\":\"3.0.19-1\","
                + "\"toVersion\":\"3.0.22-1\",\"cves\":[\"CVE-2099-0001\",\"CVE-2099-0002\"],\"containers\":[\"a/web-1\","
                + "\"a/web-2\",\"b/web-1\"]}");
    }
}
