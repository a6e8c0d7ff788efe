package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SftpInstallTest {
    private static final String A = "a".repeat(64);
    private static final String B = "0123456789abcdef".repeat(4);

    @Test
    void parseSha256_readsEachLineByName_inTextAndBinaryMode() {
        assertThat(SftpInstall.parseSha256(A + "  /usr/local/lib/.x.tmp\n" + B + " */etc/with space.tmp\n"))
                .isEqualTo(Map.of("/usr/local/lib/.x.tmp", A, "/etc/with space.tmp", B));
    }

    @Test
    void parseSha256_undoesTheEscapingOfNamesWithANewlineOrBackslash() {
        assertThat(SftpInstall.parseSha256("\\" + A + "  /tmp/new\\nline\n\\" + B + "  /tmp/back\\\\slash\n"))
                .isEqualTo(Map.of("/tmp/new\nline", A, "/tmp/back\\slash", B));
    }

    @Test
    void parseSha256_skipsWhatIsNotAChecksumLine() {
        assertThat(SftpInstall.parseSha256("sha256sum: /tmp/x: No such file or directory\n" + A + "  /tmp/y\n"))
                .isEqualTo(Map.of("/tmp/y", A));
        assertThat(SftpInstall.parseSha256("")).isEmpty();
    }
}
