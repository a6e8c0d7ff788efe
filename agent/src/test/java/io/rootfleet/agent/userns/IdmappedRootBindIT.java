package io.rootfleet.agent.userns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.MountEntry;
import io.rootfleet.agent.sys.MountTable;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The idmapped root bind, for real: made, seen through, written to, used as an overlay's lower layer, unmounted. */
class IdmappedRootBindIT {
    private static final IdRange RANGE = IdRange.of(1_500_000_000L);

    private final IdmappedRootBind bind = new IdmappedRootBind(Kernel.get());
    private ScratchDir scratch;
    private Path root;

    @BeforeEach
    void setUp() {
        scratch = new ScratchDir("bind");
        root = scratch.mkdirs("root");
    }

    @AfterEach
    void tearDown() {
        scratch.close();
    }

    @Test
    void mount_showsHostFilesOwnedByTheRangeBaseReadOnly() throws Exception {
        bind.mount(root, RANGE);

        MountEntry entry = bind.check(root, RANGE);
        assertThat(entry.options()).contains("ro", "nosuid", "nodev", "idmapped");
        assertThat(Files.getAttribute(root.resolve("etc/passwd"), "unix:uid")).isEqualTo((int) RANGE.hostBase());
        assertThat(Files.getAttribute(root.resolve("etc/passwd"), "unix:gid")).isEqualTo((int) RANGE.hostBase());
        assertThat(Files.getAttribute(Path.of("/etc/passwd"), "unix:uid")).isEqualTo(0);
        assertThatThrownBy(() -> Files.writeString(root.resolve("etc/rf-userns-" + scratch.id), "x"))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("Read-only file system");
        // not recursive: the host's /proc is a mount of its own, so the bind shows the bare directory under it
        assertThat(root.resolve("proc/self")).doesNotExist();
        assertThat(MountTable.read().atOrBelow(root)).hasSize(1);

        bind.unmount(root);
        assertThat(MountTable.read().atOrBelow(scratch.dir)).isEmpty();
        assertThat(Files.list(root)).isEmpty();
    }

    @Test
    void check_refusesAnotherRangeAndAPlainBind() {
        bind.mount(root, RANGE);
        assertThatThrownBy(() -> bind.check(root, IdRange.of(RANGE.hostBase() + RANGE.count())))
                .hasMessageContaining("shows / as owned by 1500000000:1500000000, not by the range's base 1500065536");

        Path plain = scratch.mkdirs("plain");
        Kernel.get().bindReadOnly(Path.of("/"), plain);
        assertThatThrownBy(() -> bind.check(plain, RANGE)).hasMessageContaining("lacks idmapped");
    }

    @Test
    void mount_refusesAMountPointAndANonEmptyDirectory() throws Exception {
        bind.mount(root, RANGE);
        assertThatThrownBy(() -> bind.mount(root, RANGE)).hasMessageContaining("is already a mount point");
        Path full = scratch.mkdirs("full");
        Files.writeString(full.resolve("f"), "x");
        assertThatThrownBy(() -> bind.mount(full, RANGE)).hasMessageContaining("is not empty");
    }

    @Test
    void overlay_acceptsTheIdmappedBindAsItsLowerLayer() throws Exception {
        bind.mount(root, RANGE);
        Path upper = scratch.mkdirs("upper");
        Path work = scratch.mkdirs("work");
        Path merged = scratch.mkdirs("merged");
        Process mount = new ProcessBuilder("mount", "-t", "overlay", "overlay", "-o",
                "lowerdir=" + root + ",upperdir=" + upper + ",workdir=" + work, merged.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        assertThat(mount.waitFor()).as(output).isZero();

        assertThat(Files.getAttribute(merged.resolve("usr/bin/env"), "unix:uid")).isEqualTo((int) RANGE.hostBase());
        Files.writeString(merged.resolve("etc/rf-userns-copy-up"), "x");
        assertThat(upper.resolve("etc/rf-userns-copy-up")).hasContent("x");
        // the copied-up directory keeps the owner it has in the lower layer: the range's base
        assertThat(Files.getAttribute(upper.resolve("etc"), "unix:uid")).isEqualTo((int) RANGE.hostBase());
        assertThat(Path.of("/etc/rf-userns-copy-up")).doesNotExist();
    }
}
