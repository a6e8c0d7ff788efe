package io.rootfleet.agent.stale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpkgLogTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String LOG = """
            2026-11-22 09:59:59 startup archives unpack
            2026-11-22 09:59:59 upgrade zlib1g:amd64 1:1.2.13.dfsg-1 1:1.2.13.dfsg-2
            2026-11-22 10:00:01 upgrade libssl3:amd64 3.0.14-1~deb12u1 3.0.15-1~deb12u1
            2026-11-22 10:00:01 status half-configured libssl3:amd64 3.0.15-1~deb12u1
            2026-11-22 10:00:01 status installed libssl3:amd64 3.0.15-1~deb12u1
            2026-11-22 10:00:02 trigproc libc-bin:amd64 2.36-9+deb12u14 <none>
            2026-11-22 10:00:02 status installed libc-bin:amd64 2.36-9+deb12u14
            2026-11-22 10:00:02 configure libssl3:amd64 3.0.15-1~deb12u1 <none>
            2026-11-22 10:00:03 install rf-tool:all <none> 1.0
            2026-11-22 10:05:00 upgrade libssl3:amd64 3.0.15-1~deb12u1 3.0.16-1~deb12u1
            2026-11-22 10:06:00 remove old-tool:amd64 2.1 <none>
            2026-11-22 10:06:01 purge old-tool:amd64 2.1 <none>
            not a dpkg line at all
            2026-13-45 10:00:00 upgrade broken:amd64 1 2
            2026-11-22 10:+1:00 upgrade signed:amd64 1 2
            2026-11-22T10:01:00 upgrade iso:amd64 1 2
            """;

    @Test
    void parse_keepsOnlyLinesThatChangeFiles() {
        assertThat(DpkgLog.parse(LOG)).extracting(DpkgLog.Change::pkg)
                .containsExactly("zlib1g:amd64", "libssl3:amd64", "rf-tool:all", "libssl3:amd64", "old-tool:amd64",
                        "old-tool:amd64");
        assertThat(DpkgLog.parse(LOG).get(1)).isEqualTo(new DpkgLog.Change(
                LocalDateTime.parse("2026-11-22T10:00:01"), "libssl3:amd64", "3.0.14-1~deb12u1", "3.0.15-1~deb12u1"));
    }

    @Test
    void changedSince_inLocalTime_onePerPackageFromFirstToLastVersion_includingTheStartSecond() {
        DpkgLog log = new DpkgLog(DpkgLog.parse(LOG), PARIS);
        Instant started = LocalDateTime.parse("2026-11-22T10:00:01.700").atZone(PARIS).toInstant();

        assertThat(log.changedSince(started)).containsExactly(
                "libssl3:amd64 3.0.14-1~deb12u1 -> 3.0.16-1~deb12u1",
                "rf-tool:all <none> -> 1.0",
                "old-tool:amd64 2.1 -> <none>");
        assertThat(log.changedSince(Instant.parse("2026-11-22T09:06:02Z"))).isEmpty(); // 10:06:02 in Paris
    }

    @Test
    void read_oldestLogFirst_missingOnesSkipped(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("dpkg.log.1"), "2026-10-01 08:00:00 upgrade a:amd64 1 2\n");
        Files.writeString(dir.resolve("dpkg.log"), "2026-11-01 08:00:00 upgrade a:amd64 2 3\n");
        DpkgLog log = DpkgLog.read(List.of(dir.resolve("dpkg.log.1"), dir.resolve("dpkg.log"), dir.resolve("none")),
                ZoneId.of("UTC"));

        assertThat(log.changedSince(Instant.parse("2026-09-01T00:00:00Z"))).containsExactly("a:amd64 1 -> 3");
    }
}
