package io.rootfleet.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file itself: created 0600, appended to, never written through a symlink. */
class AuditLogTest {
    @TempDir
    Path dir;

    private static AuditEntry entry(String command) {
        return new AuditEntry("2026-11-27T08:30:00Z", null, new Actor("root", null, null, null), command, List.of(command),
                AuditEntry.Changes.NONE, "OK", 0, 1);
    }

    @Test
    void append_creates0600_andAddsOneLinePerEntry() throws IOException {
        AuditLog log = new AuditLog(dir.resolve("audit.log"));
        assertThat(log.read().entries()).isEmpty();
        log.append(entry("apply"));
        log.append(entry("hold"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file()))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(log.file())).hasSize(2);
        assertThat(log.read().entries()).extracting(AuditEntry::command).containsExactly("apply", "hold");
    }

    @Test
    void anExistingLogWithLooserMode_isMadePrivate_andKept() throws IOException {
        Path file = dir.resolve("audit.log");
        Files.writeString(file, AuditLines.format(entry("apply")) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        new AuditLog(file).append(entry("hold"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new AuditLog(file).read().entries()).hasSize(2);
    }

    @Test
    void aSymlinkInItsPlace_isNeverWrittenThrough() throws IOException {
        Path target = dir.resolve("elsewhere");
        Files.writeString(target, "untouched\n");
        Path link = Files.createSymbolicLink(dir.resolve("audit.log"), target);
        assertThatThrownBy(() -> new AuditLog(link).append(entry("apply")))
                .hasMessageContaining("cannot append to the audit log " + link)
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(target)).isEqualTo("untouched\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThatThrownBy(() -> new AuditLog(link).read()).hasMessageContaining("symbolic link");
        assertThat(Files.exists(dir.resolve("audit.log"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
