package io.rootfleet.agent.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own libc calls, on files of a temporary directory: disk use, owner and mode, never through a link. */
class LibcKernelTest {
    private final Kernel kernel = LibcKernel.INSTANCE;

    @TempDir
    Path dir;

    @Test
    void allocatedBytes_countsWhatIsOnDisk_notTheSizeNorALinksTarget() throws IOException {
        Path written = Files.write(dir.resolve("written"), new byte[100_000]);
        Path sparse = dir.resolve("sparse");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(10L << 20);
        }
        Path link = Files.createSymbolicLink(dir.resolve("link"), written);

        assertThat(kernel.allocatedBytes(written)).isBetween(100_000L, 100_000L + 65_536);
        assertThat(kernel.allocatedBytes(sparse)).isLessThan(65_536);
        assertThat(kernel.allocatedBytes(link)).isLessThan(65_536);
        assertThatThrownBy(() -> kernel.allocatedBytes(dir.resolve("missing")))
                .isInstanceOf(Kernel.KernelException.class).hasMessageContaining("missing").hasMessageContaining("No such file");
    }

    @Test
    void chownAndChmod_changeTheFileItself_aLinkIsNotFollowed() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);

        kernel.chmod(file, 0640);
        if (kernel.isRoot()) {
            kernel.lchown(link, 123_456, 123_457);
            assertThat(Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(123_456);
            assertThat(Files.getAttribute(file, "unix:uid")).isNotEqualTo(123_456);
        }

        assertThat(Files.getAttribute(file, "unix:mode")).isEqualTo(0100640);
        assertThat(kernel.isRoot()).isEqualTo("root".equals(System.getProperty("user.name")));
    }
}
