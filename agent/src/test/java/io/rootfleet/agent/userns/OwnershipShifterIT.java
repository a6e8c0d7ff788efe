package io.rootfleet.agent.userns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.agent.sys.Kernel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shifting a real tree: a symlink to /, a bind mount of a directory outside, a setuid file, hard links.
 * Nothing outside the tree changes owner.
 */
class OwnershipShifterIT {
    private static final IdRange RANGE = IdRange.of(1_700_000_000L);
    private static final int B = (int) RANGE.hostBase();

    private final OwnershipShifter shifter = new OwnershipShifter();
    private ScratchDir scratch;
    private Path upper;
    private Path outside;

    @BeforeEach
    void setUp() throws Exception {
        scratch = new ScratchDir("shift");
        upper = scratch.mkdirs("upper");
        outside = scratch.mkdirs("outside");
        Files.writeString(outside.resolve("canary"), "host data");
        Files.createDirectories(upper.resolve("srv/www"));
        Files.writeString(upper.resolve("srv/www/index.html"), "hi");
        owner(upper.resolve("srv/www"), 33, 33);
        owner(upper.resolve("srv/www/index.html"), 33, 33);
        Files.writeString(upper.resolve("suid"), "#!/bin/sh\n");
        Files.setAttribute(upper.resolve("suid"), "unix:mode", 06755);
        Files.createLink(upper.resolve("srv/hardlink"), upper.resolve("suid"));
        Files.createSymbolicLink(upper.resolve("to-root"), Path.of("/"));
        Files.createSymbolicLink(upper.resolve("srv/to-canary"), outside.resolve("canary"));
        Path mnt = Files.createDirectories(upper.resolve("srv/mnt"));
        Kernel.get().bindReadOnly(outside, mnt);
    }

    @AfterEach
    void tearDown() {
        scratch.close();
    }

    @Test
    void into_shiftsEverythingInTheTreeAndNothingOutside() throws Exception {
        OwnershipShifter.Result result = shifter.shift(upper, IdShift.into(RANGE));

        assertThat(uid(upper)).isEqualTo(B);
        assertThat(uid(upper.resolve("srv/www/index.html"))).isEqualTo(B + 33);
        assertThat(gid(upper.resolve("srv/www"))).isEqualTo(B + 33);
        assertThat(uid(upper.resolve("to-root"))).as("the link itself").isEqualTo(B);
        assertThat(uid(upper.resolve("srv/to-canary"))).isEqualTo(B);
        assertThat(uid(upper.resolve("suid"))).as("shifted once through two hard links").isEqualTo(B);
        assertThat(mode(upper.resolve("suid"))).as("setuid and setgid kept").isEqualTo(06755);
        assertThat(result.skippedMountPoints()).containsExactly(upper.resolve("srv/mnt"));
        assertThat(result.changed()).as("the 7 inodes, the mount point not among them").isEqualTo(7);
        assertThat(result.alreadyShifted()).isEqualTo(1); // the second name of the hard link

        assertThat(uid(Path.of("/"))).isZero();
        assertThat(uid(outside.resolve("canary"))).isZero();
        assertThat(uid(outside)).isZero();
    }

    @Test
    void outOf_undoesInto_andRunningAgainChangesNothing() throws Exception {
        shifter.shift(upper, IdShift.into(RANGE));
        assertThat(shifter.shift(upper, IdShift.into(RANGE)).changed()).isZero();

        shifter.shift(upper, IdShift.outOf(RANGE));

        assertThat(uid(upper)).isZero();
        assertThat(uid(upper.resolve("srv/www/index.html"))).isEqualTo(33);
        assertThat(uid(upper.resolve("to-root"))).isZero();
        assertThat(mode(upper.resolve("suid"))).as("setuid and setgid kept").isEqualTo(06755);
        assertThat(uid(outside.resolve("canary"))).isZero();
    }

    @Test
    void anOwnerOutsideBothBlocks_stopsTheShiftBeforeAnythingChanges() throws Exception {
        Path stray = upper.resolve("srv/www/stray");
        Files.writeString(stray, "x");
        owner(stray, 70000, 0);

        assertThatThrownBy(() -> shifter.shift(upper, IdShift.into(RANGE)))
                .isInstanceOf(IdShift.IdOutOfRangeException.class)
                .hasMessageStartingWith(stray + ": uid 70000 is outside 0-65535");
        assertThat(uid(upper)).isZero();
        assertThat(uid(upper.resolve("srv/www/index.html"))).isEqualTo(33);
    }

    @Test
    void aSymlinkAsTheRoot_isRefused() throws Exception {
        Path link = Files.createSymbolicLink(scratch.dir.resolve("link"), upper);
        assertThatThrownBy(() -> shifter.shift(link, IdShift.into(RANGE)))
                .hasMessageContaining("cannot open " + link + " (it must be a directory, not a symlink)");
        assertThat(uid(upper)).isZero();
    }

    private static void owner(Path path, int uid, int gid) throws Exception {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    private static int uid(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static int mode(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static int gid(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }
}
