package io.rootfleet.agent.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import jnr.constants.platform.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real filesystem: no call follows a symlink, at the directory or at the file. */
class NoFollowDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void child_refusesASymlinkToADirectory() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path tree = Files.createDirectory(tmp.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("app"), outside);

        try (NoFollowDirectory dir = NoFollowDirectory.open(tree)) {
            assertThatThrownBy(() -> dir.child("app"))
                    .isInstanceOfSatisfying(Kernel.KernelException.class,
                            e -> assertThat(e.errno()).isEqualTo(Errno.ENOTDIR.intValue()));
            assertThat(dir.isSymlink("app")).isTrue();
            assertThat(dir.hasDirectory("app")).isFalse();
        }
    }

    @Test
    void open_refusesASymlinkAsTheStartingDirectory() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

        assertThatThrownBy(() -> NoFollowDirectory.open(link)).isInstanceOf(Kernel.KernelException.class);
    }

    @Test
    void replaceFile_replacesASymlinkInsteadOfWritingThroughIt() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim"), "host original");
        Path tree = Files.createDirectory(tmp.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("app.conf"), victim);

        try (NoFollowDirectory dir = NoFollowDirectory.open(tree)) {
            dir.replaceFile("app.conf", "new".getBytes(StandardCharsets.UTF_8), -1, -1, 0640);
        }

        assertThat(victim).hasContent("host original");
        assertThat(Files.isRegularFile(tree.resolve("app.conf"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(tree.resolve("app.conf")).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("app.conf"))))
                .isEqualTo("rw-r-----");
        try (Stream<Path> entries = Files.list(tree)) {
            assertThat(entries).containsExactly(tree.resolve("app.conf")); // no temp file left
        }
    }

    @Test
    void createChild_makesADirectoryAndOpensIt() throws Exception {
        Path tree = Files.createDirectory(tmp.resolve("tree"));

        try (NoFollowDirectory dir = NoFollowDirectory.open(tree);
                NoFollowDirectory child = dir.createChild("etc")) {
            child.setOwnerAndMode(-1, -1, 0755);
            child.replaceFile("x", new byte[] {1, 2, 3}, -1, -1, 0600);
        }

        assertThat(Files.readAllBytes(tree.resolve("etc/x"))).containsExactly(1, 2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("etc"))))
                .isEqualTo("rwxr-xr-x");
    }
}
