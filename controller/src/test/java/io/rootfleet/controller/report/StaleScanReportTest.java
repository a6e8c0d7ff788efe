package io.rootfleet.controller.report;

import static io.rootfleet.controller.patch.Scans.container;
import static io.rootfleet.controller.patch.Scans.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.report.StaleReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleScanReportTest {
    private static StaleReport.StaleFile file(String path, String... commands) {
        return new StaleReport.StaleFile(path, 11, 12L, "replaced on the host", List.of(1, 2, 3, 4), List.of(commands));
    }

    @Test
    void processes_eachCommandOnceWithItsCount() {
        assertThat(StaleScanReport.processes(List.of("apache2", "apache2", "apache2", "apache2"))).isEqualTo("apache2 x4");
        assertThat(StaleScanReport.processes(List.of("apache2", "sh", "apache2"))).isEqualTo("apache2 x2, sh");
        assertThat(StaleScanReport.processes(List.of())).isEmpty();
    }

    @Test
    void staleFile_pathReasonAndProcesses() {
        assertThat(StaleScanReport.staleFile(file("/usr/lib/x86_64-linux-gnu/libssl.so.3", "apache2", "apache2", "apache2", "apache2")))
                .isEqualTo("/usr/lib/x86_64-linux-gnu/libssl.so.3 (replaced on the host) — apache2 x4");
        assertThat(StaleScanReport.staleFile(new StaleReport.StaleFile("/usr/bin/sleep", 1, null, null, List.of(), List.of())))
                .isEqualTo("/usr/bin/sleep");
    }

    @Test
    void print_perHost_theStaleContainersWithTheirFiles_andWhatOwnLayersHide() {
        StaleReport.Container web = new StaleReport.Container("web-3", "RUNNING", 4242, null, true, List.of(
                file("/usr/lib/x86_64-linux-gnu/libssl.so.3", "apache2", "apache2"),
                file("/usr/lib/x86_64-linux-gnu/libcrypto.so.3", "apache2", "apache2"),
                file("/usr/lib/x86_64-linux-gnu/libz.so.1", "apache2"),
                file("/usr/lib/x86_64-linux-gnu/libc.so.6", "apache2", "sh")), List.of("libssl3", "zlib1g"), List.of());
        StaleReport.Container cron = new StaleReport.Container("cron", "RUNNING", 4300, null, true, List.of(),
                List.of("cron"), List.of());
        StaleReport.Container worker = new StaleReport.Container("worker", "RUNNING", 4400, null, false, List.of(), List.of(),
                List.of(new StaleReport.ShadowedFile("/etc/ssl/openssl.cnf", "config", true),
                        new StaleReport.ShadowedFile("/usr/lib/x86_64-linux-gnu/libssl.so.3", "library", false)));
        StaleReport.Container stopped = new StaleReport.Container("db", "STOPPED", null, null, false, List.of(), List.of(), List.of());
        List<HostScan> scans = List.of(
                HostScan.of("a", new StaleReport("rootfleet/v1", 9, List.of(cron, web, worker, stopped)), 9),
                HostScan.of("b", new StaleReport("rootfleet/v1", 9, List.of(container("web-1", false))), 9),
                unreachable("c"));
        StringWriter text = new StringWriter();

        new StaleScanReport(scans).print(new PrintWriter(text, true));

        assertThat(text.toString().lines()).containsExactly(
                "a: 2 of 3 running container(s) stale",
                "  cron: stale (host packages changed since it started: cron)",
                "  web-3: /usr/lib/x86_64-linux-gnu/libssl.so.3 (replaced on the host) — apache2 x2",
                "         /usr/lib/x86_64-linux-gnu/libcrypto.so.3 (replaced on the host) — apache2 x2",
                "         /usr/lib/x86_64-linux-gnu/libz.so.1 (replaced on the host) — apache2",
                "         ... and 1 more file(s)",
                "         host packages changed since it started: libssl3, zlib1g",
                "  ! worker: its own layer hides 2 host system file(s), which host updates will not reach:"
                        + " /etc/ssl/openssl.cnf (from its files:), /usr/lib/x86_64-linux-gnu/libssl.so.3",
                "b: 0 of 1 running container(s) stale",
                "c: UNREACHABLE: cannot connect to c: connection refused");
    }
}
