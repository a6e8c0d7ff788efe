package io.rootfleet.agent.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DebianChangelogTest {
    private static final String OPENSSL = """
            openssl (3.0.19-1~deb12u2) bookworm-security; urgency=medium

              * CVE-2026-28387 ("Potential use-after-free in DANE client code")
              * CVE-2026-28389, CVE-2026-28390 (NULL dereferences in CMS)
              * Also CVE-2026-28387 again, named twice.

             -- Sebastian Andrzej Siewior <sebastian@breakpoint.cc>  Fri, 03 Apr 2026 14:29:32 +0200

            openssl (3.0.19-1~deb12u1) bookworm; urgency=medium

              * Import 3.0.19

             -- Sebastian Andrzej Siewior <sebastian@breakpoint.cc>  Sun, 22 Feb 2026 18:36:50 +0100

            openssl (3.0.18-1~deb12u2) bookworm-security; urgency=medium

              * CVE-2025-9230 (out-of-bounds read in RFC 3211 KEK unwrap)
                and a line that mentions openssl (1.0) in passing; not a header.

             -- Sebastian Andrzej Siewior <sebastian@breakpoint.cc>  Tue, 30 Sep 2025 20:36:31 +0200

            openssl (3.0.17-1~deb12u1) bookworm; urgency=medium

              * CVE-2024-99999: fixed upstream.

             -- Sebastian Andrzej Siewior <sebastian@breakpoint.cc>  Sat, 12 Jul 2025 10:00:00 +0200

            Old Changelog:
            openssl (0.9.1-1) unstable; urgency=low
              * CVE-1999-0001
            """;

    @Test
    void parse_readsEachEntrysHeaderAndCves_newestFirst() {
        List<DebianChangelog.Entry> entries = DebianChangelog.parse(OPENSSL).entries();
        assertThat(entries).extracting(e -> e.version().toString())
                .containsExactly("3.0.19-1~deb12u2", "3.0.19-1~deb12u1", "3.0.18-1~deb12u2", "3.0.17-1~deb12u1", "0.9.1-1");
        assertThat(entries.get(0).source()).isEqualTo("openssl");
        assertThat(entries.get(0).cves()).containsExactly("CVE-2026-28387", "CVE-2026-28389", "CVE-2026-28390");
        assertThat(entries.get(1).cves()).isEmpty();
        assertThat(entries.get(2).cves()).containsExactly("CVE-2025-9230");
    }

    @Test
    void cvesFixed_areThoseOfTheEntriesAfterTheRunningVersion_upToTheInstalledOne() {
        DebianChangelog log = DebianChangelog.parse(OPENSSL);
        assertThat(log.cvesFixed(DebianVersion.parse("3.0.17-1~deb12u1"), DebianVersion.parse("3.0.19-1~deb12u2")))
                .containsExactly("CVE-2026-28387", "CVE-2026-28389", "CVE-2026-28390", "CVE-2025-9230");
        assertThat(log.cvesFixed(DebianVersion.parse("3.0.18-1~deb12u2"), DebianVersion.parse("3.0.19-1~deb12u1")))
                .as("the newest entry is not installed yet").isEmpty();
        assertThat(log.cvesFixed(DebianVersion.parse("3.0.19-1~deb12u2"), DebianVersion.parse("3.0.19-1~deb12u2"))).isEmpty();
        assertThat(log.cvesFixed(DebianVersion.parse("3.0.16-1"), DebianVersion.parse("3.0.17-1~deb12u1")))
                .containsExactly("CVE-2024-99999");
    }

    @Test
    void parse_ofNoChangelog_hasNoEntries() {
        assertThat(DebianChangelog.parse("").entries()).isEmpty();
        assertThat(DebianChangelog.parse("just text\nCVE-2020-0001\n").entries()).isEmpty();
        assertThat(DebianChangelog.parse("pkg (not a version!) x; urgency=low\n  * CVE-2020-0001\n").entries()).isEmpty();
    }
}
