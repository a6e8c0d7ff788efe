package io.rootfleet.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateHomeTest {
    @TempDir
    Path tmp;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void ensure_createsTheHome0700() throws Exception {
        Path home = tmp.resolve("a/home");

        PrivateHome.ensure(home);

        assertThat(mode(home)).isEqualTo("rwx------");
    }

    @Test
    void ensure_tightensALooserHomeAndItsFiles() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path desired = Files.writeString(home.resolve("desired.json"), "{}");
        Files.setPosixFilePermissions(desired, PosixFilePermissions.fromString("rw-r--r--"));
        Path lock = Files.writeString(home.resolve("agent.lock"), "");
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path sub = Files.createDirectory(home.resolve("containers"));

        PrivateHome.ensure(home);

        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(desired)).isEqualTo("rw-------");
        assertThat(mode(lock)).isEqualTo("rw-------");
        assertThat(mode(sub)).isEqualTo("rwxr-xr-x"); // below the 0700 home; HostLayers tightens its own dirs
    }

    @Test
    void ensure_refusesASymlinkAsHome() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(tmp.resolve("home"), elsewhere);

        assertThatThrownBy(() -> PrivateHome.ensure(link)).hasMessageContaining("is not a directory (a symlink or file)");
    }
}
