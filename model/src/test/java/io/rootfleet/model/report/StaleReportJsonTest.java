package io.rootfleet.model.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire format of {@code stale --json}: package attribution travels and older reports still read. */
class StaleReportJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void packagesAndHostPackage_roundTrip() throws Exception {
        StaleReport report = new StaleReport("rootfleet/v1", 4, List.of(new StaleReport.Container("web-1", "RUNNING", 10,
                "2026-01-01T00:00:00Z", true, List.of(new StaleReport.StaleFile("/usr/lib/libx.so.1", 1, 2L,
                        "replaced on the host", List.of(10), List.of("x"), "libx1")), List.of("libx1"), List.of())),
                List.of(new PackageChange("libx1", "1.0", "1.1", List.of("CVE-2099-0001"), List.of("web-1"))));
        String json = JSON.writeValueAsString(report);
        assertThat(json).contains("\"hostPackage\":\"libx1\"")
                .contains("\"packages\":[{\"name\":\"libx1\",\"fromVersion\":\"1.0\",\"toVersion\":\"1.1\","
                        + "\"cves\":[\"CVE-2099-0001\"],\"containers\":[\"web-1\"]}]");
        assertThat(JSON.readValue(json, StaleReport.class)).isEqualTo(report);
    }

    @Test
    void anOlderAgentsReport_readsWithEmptyPackages() throws Exception {
        StaleReport read = JSON.readValue("{\"apiVersion\":\"rootfleet/v1\",\"millis\":1,\"containers\":[{\"name\":\"a\","
                + "\"state\":\"RUNNING\",\"stale\":true,\"staleFiles\":[{\"path\":\"/x\",\"runningInode\":1,"
                + "\"pids\":[1],\"commands\":[\"x\"]}]}]}", StaleReport.class);
        assertThat(read.packages()).isEmpty();
        assertThat(read.containers().get(0).staleFiles().get(0).hostPackage()).isNull();
        assertThat(new PackageChange("p", null, null, null, null).cves()).isEmpty();
    }

    @Test
    void describe_isTheLineReportsGroupBy() {
        assertThat(new PackageChange("libssl3", "3.0.19-1", "3.0.22-1", List.of("CVE-2099-0001", "CVE-2099-0002"), List.of("a"))
                .describe()).isEqualTo("libssl3 3.0.19-1 -> 3.0.22-1 (CVE-2099-0001, CVE-2099-0002)");
        assertThat(new PackageChange("tool", null, null, List.of(), List.of()).describe()).isEqualTo("tool ? -> removed");
        List<String> many = java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(i -> "CVE-2099-000" + i).toList();
        assertThat(new PackageChange("x", "1", "2", many, List.of()).describe())
                .isEqualTo("x 1 -> 2 (CVE-2099-0001, CVE-2099-0002, CVE-2099-0003, CVE-2099-0004, CVE-2099-0005,"
                        + " CVE-2099-0006, +2 more)");
    }
}
