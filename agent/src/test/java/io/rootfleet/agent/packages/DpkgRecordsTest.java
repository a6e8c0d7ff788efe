package io.rootfleet.agent.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dpkg's records read from a scratch admin and doc directory laid out as dpkg lays them out. */
class DpkgRecordsTest {
    @TempDir
    Path tmp;

    static final String STATUS = """
            Package: libssl3
            Status: install ok installed
            Architecture: amd64
            Multi-Arch: same
            Version: 3.0.19-1~deb12u2
            Description: Secure Sockets Layer toolkit
             a continuation line: Version: 9

            Package: gone
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 1.0

            Package: tool
            Status: install ok installed
            Architecture: all
            Version: 2:1.1
            """;

    private DpkgRecords records() throws IOException {
        Path admin = Files.createDirectories(tmp.resolve("dpkg/info"));
        Files.writeString(admin.resolve("libssl3:amd64.list"), "/.\n/usr\n/usr/lib/x86_64-linux-gnu\n"
                + "/usr/lib/x86_64-linux-gnu/libssl.so.3\n/usr/lib/x86_64-linux-gnu/libcrypto.so.3\n");
        Files.writeString(admin.resolve("tool.list"), "/.\n/bin\n/bin/tool\n/usr/share/doc/tool\n");
        Files.writeString(admin.resolve("tool.md5sums"), "abc  /usr/lib/x86_64-linux-gnu/libssl.so.3\n");
        Files.writeString(tmp.resolve("dpkg/status"), STATUS);
        Path doc = Files.createDirectories(tmp.resolve("doc/tool"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(doc.resolve("changelog.Debian.gz")))) {
            out.write("""
                    tool (2:1.1) unstable; urgency=high

                      * Fix CVE-2099-0002.

                     -- A <a@b.invalid>  Mon, 01 Jan 2099 00:00:00 +0000

                    tool (2:1.0) unstable; urgency=low

                      * CVE-2099-0001 fixed long ago.

                     -- A <a@b.invalid>  Mon, 01 Jan 2098 00:00:00 +0000
                    """.getBytes(StandardCharsets.UTF_8));
        }
        return new DpkgRecords(tmp.resolve("dpkg"), tmp.resolve("doc"));
    }

    @Test
    void owners_fromTheListFiles_alsoAcrossTheUsrMerge() throws IOException {
        Map<String, String> owners = records().owners(List.of("/usr/lib/x86_64-linux-gnu/libssl.so.3", "/usr/bin/tool",
                "/usr/local/bin/unowned"));
        assertThat(owners).containsOnly(
                Map.entry("/usr/lib/x86_64-linux-gnu/libssl.so.3", "libssl3:amd64"),
                Map.entry("/usr/bin/tool", "tool"));
    }

    @Test
    void installedVersion_fromTheStatusFile_byNameOrNameAndArch() throws IOException {
        DpkgRecords records = records();
        assertThat(records.installedVersion("libssl3:amd64")).hasValue("3.0.19-1~deb12u2");
        assertThat(records.installedVersion("libssl3")).hasValue("3.0.19-1~deb12u2");
        assertThat(records.installedVersion("tool")).hasValue("2:1.1");
        assertThat(records.installedVersion("gone")).as("only its configuration files are left").isEmpty();
        assertThat(records.installedVersion("never")).isEmpty();
    }

    @Test
    void changelog_isTheGzippedDebianChangelog_inThePackagesDocDirectory() throws IOException {
        DpkgRecords records = records();
        assertThat(records.changelog("tool").orElseThrow().cvesFixed(DebianVersion.parse("2:1.0"), DebianVersion.parse("2:1.1")))
                .containsExactly("CVE-2099-0002");
        assertThat(records.changelog("libssl3:amd64")).isEmpty();
    }

    @Test
    void aHostWithoutDpkg_hasNoRecords() {
        DpkgRecords none = new DpkgRecords(tmp.resolve("no-dpkg"), tmp.resolve("no-doc"));
        assertThat(none.owners(List.of("/usr/bin/x"))).isEmpty();
        assertThat(none.installedVersion("x")).isEmpty();
        assertThat(none.changelog("x")).isEmpty();
    }

    @Test
    void spellings_coverTheUsrMergedDirectoriesOnly() {
        assertThat(DpkgRecords.spellings("/usr/lib/x.so")).containsExactlyInAnyOrder("/usr/lib/x.so", "/lib/x.so");
        assertThat(DpkgRecords.spellings("/lib64/ld.so")).containsExactlyInAnyOrder("/lib64/ld.so", "/usr/lib64/ld.so");
        assertThat(DpkgRecords.spellings("/usr/share/x")).containsExactly("/usr/share/x");
        assertThat(DpkgRecords.spellings("/usr/libexec/x")).containsExactly("/usr/libexec/x");
    }
}
