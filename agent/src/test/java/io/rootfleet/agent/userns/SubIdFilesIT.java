package io.rootfleet.agent.userns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** root's lines written into temporary copies of /etc/subuid and /etc/subgid (never the real ones). */
class SubIdFilesIT {
    private static final IdRange POOL = IdPool.DEFAULT.whole();

    private ScratchDir scratch;
    private Path subuid;
    private Path subgid;

    @BeforeEach
    void setUp() {
        scratch = new ScratchDir("subid");
        subuid = scratch.dir.resolve("subuid");
        subgid = scratch.dir.resolve("subgid");
    }

    @AfterEach
    void tearDown() {
        scratch.close();
    }

    @Test
    void ensureRootMaps_appendsOnceKeepingTheMode() throws Exception {
        Files.writeString(subuid, "alice:100000:65536");
        Files.setPosixFilePermissions(subuid, PosixFilePermissions.fromString("rw-r-----"));
        SubIdFiles files = new SubIdFiles(subuid, subgid);

        assertThat(files.ensureRootMaps(POOL)).containsExactly(subuid, subgid);
        assertThat(subuid).hasContent("alice:100000:65536\nroot:1073741824:1073610752\n");
        assertThat(subgid).hasContent("root:1073741824:1073610752\n");
        assertThat(Files.getPosixFilePermissions(subuid)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Files.getPosixFilePermissions(subgid)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));

        Object inode = Files.getAttribute(subuid, "unix:ino");
        assertThat(files.ensureRootMaps(POOL)).isEmpty();
        assertThat(Files.getAttribute(subuid, "unix:ino")).as("not rewritten").isEqualTo(inode);
        assertThat(files.rangesOfOthers()).containsExactly(new IdRange(100000, 65536));
        try (var left = Files.list(scratch.dir)) {
            assertThat(left).as("no temporary file left").hasSize(2);
        }
    }

    @Test
    void aConflictInEitherFile_writesNeither() throws Exception {
        Files.writeString(subuid, "alice:100000:65536\n");
        Files.writeString(subgid, "alice:100000:65536\nlxd:1100000000:65536\n");

        assertThatThrownBy(() -> new SubIdFiles(subuid, subgid).ensureRootMaps(POOL))
                .isInstanceOf(SubIdFile.SubIdConflictException.class)
                .hasMessageStartingWith(subgid + ":2: 'lxd' has ids 1100000000-1100065535");
        assertThat(subuid).hasContent("alice:100000:65536\n");
        assertThat(subgid).hasContent("alice:100000:65536\nlxd:1100000000:65536\n");
    }
}
