package io.rootfleet.agent.stale;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.packages.DpkgRecords;
import io.rootfleet.model.report.PackageChange;
import io.rootfleet.model.report.StaleReport;
import io.rootfleet.model.report.StaleReport.StaleFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stale files attributed to the host package that owns them, grouped by the version change each container runs. */
class PackageAttributionTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final String LIBSSL = "/usr/lib/x86_64-linux-gnu/libssl.so.3";

    @TempDir
    Path tmp;

    private DpkgRecords records;

    @BeforeEach
    void dpkg() throws IOException {
        Path info = Files.createDirectories(tmp.resolve("dpkg/info"));
        Files.writeString(info.resolve("libssl3:amd64.list"), "/usr/lib/x86_64-linux-gnu\n" + LIBSSL + "\n");
        Files.writeString(info.resolve("libc6:amd64.list"), "/lib/x86_64-linux-gnu/libc.so.6\n");
        Files.writeString(tmp.resolve("dpkg/status"), """
                Package: libssl3
                Status: install ok installed
                Architecture: amd64
                Version: 3.0.22-1

                Package: libc6
                Status: install ok installed
                Architecture: amd64
                Version: 2.36-9+deb12u10
                """);
        Path doc = Files.createDirectories(tmp.resolve("doc/libssl3"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(doc.resolve("changelog.Debian.gz")))) {
            out.write("""
                    openssl (3.0.22-1) bookworm-security; urgency=medium

                      * CVE-2099-0003

                     -- M <m@x.invalid>  Mon, 02 Nov 2026 00:00:00 +0000

                    openssl (3.0.20-1) bookworm-security; urgency=medium

                      * CVE-2099-0002, CVE-2099-0001

                     -- M <m@x.invalid>  Mon, 01 Nov 2026 00:00:00 +0000

                    openssl (3.0.19-1) bookworm; urgency=medium

                      * CVE-2098-0009 (before either container started)

                     -- M <m@x.invalid>  Mon, 01 Sep 2026 00:00:00 +0000
                    """.getBytes(StandardCharsets.UTF_8));
        }
        records = new DpkgRecords(tmp.resolve("dpkg"), tmp.resolve("doc"));
    }

    private static StaleFile file(String path, String reason) {
        return new StaleFile(path, 1, 2L, reason, List.of(10), List.of("x"));
    }

    private static StaleReport.Container container(String name, String startedAt, StaleFile... files) {
        return new StaleReport.Container(name, "RUNNING", 10, startedAt, true, Arrays.asList(files), List.of(), List.of());
    }

    @Test
    void staleFiles_getTheirPackage_andContainersGroupByTheVersionTheyRun() {
        DpkgLog log = new DpkgLog(DpkgLog.parse("""
                2026-11-01 10:00:00 upgrade libssl3:amd64 3.0.19-1 3.0.20-1
                2026-11-02 10:00:00 upgrade libssl3:amd64 3.0.20-1 3.0.22-1
                2026-11-02 10:00:01 upgrade libc6:amd64 2.36-9+deb12u9 2.36-9+deb12u10
                """), UTC);
        String early = LocalDateTime.parse("2026-10-01T00:00:00").toInstant(ZoneOffset.UTC).toString();
        String middle = LocalDateTime.parse("2026-11-01T12:00:00").toInstant(ZoneOffset.UTC).toString();
        List<StaleReport.Container> containers = List.of(
                container("a", early, file(LIBSSL, StaleVerdict.REPLACED_ON_HOST),
                        file("/usr/lib/x86_64-linux-gnu/libc.so.6", StaleVerdict.REPLACED_ON_HOST)),
                container("b", early, file(LIBSSL, StaleVerdict.REPLACED_ON_HOST)),
                container("c", middle, file(LIBSSL, StaleVerdict.REPLACED_ON_HOST),
                        file("/srv/own", StaleVerdict.REPLACED_IN_OWN_LAYER), file("/usr/local/bin/x", StaleVerdict.REMOVED_FROM_HOST)));

        PackageAttribution.Attributed attributed = new PackageAttribution(records, log).attribute(containers);

        assertThat(attributed.containers().get(0).staleFiles()).extracting(StaleFile::hostPackage)
                .containsExactly("libssl3", "libc6");
        assertThat(attributed.containers().get(2).staleFiles()).extracting(StaleFile::hostPackage)
                .containsExactly("libssl3", null, null);
        assertThat(attributed.packages()).containsExactly(
                new PackageChange("libssl3", "3.0.19-1", "3.0.22-1", List.of("CVE-2099-0003", "CVE-2099-0002", "CVE-2099-0001"),
                        List.of("a", "b")),
                new PackageChange("libc6", "2.36-9+deb12u9", "2.36-9+deb12u10", List.of(), List.of("a")),
                new PackageChange("libssl3", "3.0.20-1", "3.0.22-1", List.of("CVE-2099-0003"), List.of("c")));
    }

    @Test
    void withoutALogLine_theRunningVersionIsUnknown_andNoCveIsClaimed() {
        String started = LocalDateTime.parse("2026-10-01T00:00:00").toInstant(ZoneOffset.UTC).toString();
        PackageAttribution.Attributed attributed = new PackageAttribution(records, new DpkgLog(List.of(), UTC))
                .attribute(List.of(container("a", started, file(LIBSSL, StaleVerdict.REPLACED_ON_HOST))));
        assertThat(attributed.packages()).containsExactly(new PackageChange("libssl3", null, "3.0.22-1", List.of(), List.of("a")));
    }

    @Test
    void noStaleFiles_noPackages_andTheListsAreNotRead() {
        PackageAttribution.Attributed attributed = new PackageAttribution(
                new DpkgRecords(tmp.resolve("absent"), tmp.resolve("absent")), new DpkgLog(List.of(), UTC))
                .attribute(List.of(container("a", null)));
        assertThat(attributed.packages()).isEmpty();
        assertThat(attributed.containers()).hasSize(1);
    }

    @Test
    void anInstallAfterTheStart_countsAsBeforeIt() {
        DpkgLog log = new DpkgLog(DpkgLog.parse("""
                2026-11-01 10:00:00 install libssl3:amd64 <none> 3.0.19-1
                2026-11-01 10:00:05 upgrade libssl3:amd64 3.0.19-1 3.0.22-1
                """), UTC);
        String sameSecond = LocalDateTime.parse("2026-11-01T10:00:00.700").toInstant(ZoneOffset.UTC).toString();
        assertThat(log.runningVersion("libssl3", java.time.Instant.parse(sameSecond))).hasValue("3.0.19-1");
        // a start read a second early (a process's start comes from the boot time, rounded to the second), or a
        // process that loaded the library after the install: it maps the files of the version the upgrade replaced
        assertThat(log.runningVersion("libssl3:amd64", java.time.Instant.parse(sameSecond).minusSeconds(1)))
                .as("start one second before the install").hasValue("3.0.19-1");
        assertThat(log.runningVersion("libssl3:amd64", java.time.Instant.parse(sameSecond).minusSeconds(60)))
                .as("started before the install, loaded it after").hasValue("3.0.19-1");
        assertThat(log.runningVersion("libssl3", java.time.Instant.parse(sameSecond).plusSeconds(60))).isEmpty();
    }
}
