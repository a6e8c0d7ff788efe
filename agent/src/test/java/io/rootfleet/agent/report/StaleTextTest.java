package io.rootfleet.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.report.PackageChange;
import io.rootfleet.model.report.StaleReport;
import io.rootfleet.model.report.StaleReport.Container;
import io.rootfleet.model.report.StaleReport.ShadowedFile;
import io.rootfleet.model.report.StaleReport.StaleFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StaleTextTest {
    private static final Container WEB = new Container("web-1", "RUNNING", 1234, "2026-11-22T09:00:01.500Z", true,
            List.of(new StaleFile("/usr/lib/x86_64-linux-gnu/libssl.so.3", 100, 200L, "replaced on the host",
                    List.of(1234, 1240), List.of("nginx", "nginx"))),
            List.of("libssl3:amd64 3.0.14-1 -> 3.0.15-1"),
            List.of(new ShadowedFile("/etc/nginx/nginx.conf", "config", true),
                    new ShadowedFile("/usr/lib/x86_64-linux-gnu/libz.so.1.2.13", "library", false)));
    private static final Container DB = new Container("db-1", "RUNNING", 1300, "2026-11-22T09:30:00Z", false,
            List.of(), List.of(), List.of(new ShadowedFile("/etc/app.conf", "config", true)));
    private static final Container OLD = new Container("old", "STOPPED", null, null, false, List.of(), List.of(), List.of());

    private static String print(Container... containers) {
        StringWriter text = new StringWriter();
        new StaleText(ZoneId.of("Europe/Paris")).print(new StaleReport("rootfleet/v1", 12, List.of(containers)),
                new PrintWriter(text, true));
        return text.toString();
    }

    @Test
    void print_sectionPerContainer_thenCounts() {
        assertThat(print(DB, OLD, WEB)).isEqualTo("""
                NAME                     STATE    STALE      PID  STARTED
                db-1                     RUNNING  no        1300  2026-11-22 10:30:00
                  hides host file: /etc/app.conf  config, declared
                old                      STOPPED  -            -  -
                web-1                    RUNNING  yes       1234  2026-11-22 10:00:01
                  stale: /usr/lib/x86_64-linux-gnu/libssl.so.3  replaced on the host, inode 100 -> 200, used by 1234/nginx 1240/nginx
                  host packages changed since it started: libssl3:amd64 3.0.14-1 -> 3.0.15-1
                  hides host file: /etc/nginx/nginx.conf  config, declared
                  hides host file: /usr/lib/x86_64-linux-gnu/libz.so.1.2.13  library
                1 of 2 running containers are stale; 1 container hides host system files
                """);
    }

    @Test
    void print_removedFileAndManyPackages() {
        List<String> packages = IntStream.rangeClosed(1, 10).mapToObj(i -> "p" + i + ":amd64 1 -> 2").toList();
        Container gone = new Container("web-2", "RUNNING", 7, "2026-11-22T09:00:00Z", true,
                List.of(new StaleFile("/usr/bin/tool", 5, null, "removed from the host", List.of(7), List.of("tool"))),
                packages, List.of());
        assertThat(print(gone))
                .contains("  stale: /usr/bin/tool  removed from the host, inode 5 -> none, used by 7/tool\n")
                .contains("p8:amd64 1 -> 2 (+2 more; --json lists them all)\n")
                .endsWith("1 of 1 running container is stale; no container hides host system files\n");
    }

    @Test
    void counts_declaredFilesAreNotCountedAsHiding() {
        assertThat(StaleText.counts(new StaleReport("rootfleet/v1", 1, List.of(DB, OLD))))
                .isEqualTo("0 of 1 running container is stale; no container hides host system files");
        assertThat(StaleText.counts(new StaleReport("rootfleet/v1", 1, List.of(WEB, WEB))))
                .isEqualTo("2 of 2 running containers are stale; 2 containers hide host system files");
    }

    @Test
    void print_attributedFiles_thenThePackageChangesBehindThem() {
        Container web = new Container("web-1", "RUNNING", 1234, "2026-11-22T09:00:01.500Z", true,
                List.of(new StaleFile("/usr/lib/x86_64-linux-gnu/libssl.so.3", 100, 200L, "replaced on the host",
                        List.of(1234), List.of("nginx"), "libssl3")), List.of(), List.of());
        StringWriter text = new StringWriter();
        new StaleText(ZoneId.of("Europe/Paris")).print(new StaleReport("rootfleet/v1", 12, List.of(web), List.of(
                new PackageChange("libssl3", "3.0.19-1", "3.0.22-1", List.of("CVE-2099-0001", "CVE-2099-0002"),
                        List.of("web-1", "web-2")),
                new PackageChange("libc6", null, "2.36-9", List.of(), List.of("web-1")))), new PrintWriter(text, true));
        assertThat(text.toString()).endsWith("""
                  stale: /usr/lib/x86_64-linux-gnu/libssl.so.3  replaced on the host, inode 100 -> 200, used by 1234/nginx; package libssl3
                Host packages behind the stale files:
                  libssl3 3.0.19-1 -> 3.0.22-1 (CVE-2099-0001, CVE-2099-0002): 2 containers (web-1, web-2)
                  libc6 ? -> 2.36-9: 1 container (web-1)
                1 of 1 running container is stale; no container hides host system files
                """);
    }
}
