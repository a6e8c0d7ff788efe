package io.rootfleet.agent.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.yaml.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookInstallerTest {
    private static final HookScript SCRIPT = HookScript.of("/usr/local/bin/rootfleet-agent", Path.of("/var/lib/rootfleet"),
            RestartFlags.DEFAULT);

    @TempDir
    Path tmp;

    private final HookInstaller installer = new HookInstaller();
    private List<HookInstaller.Target> targets;
    private Path apt;
    private Path dpkg;

    @BeforeEach
    void setUp() throws Exception {
        targets = List.of(new HookInstaller.Target(HookFile.APT, Files.createDirectory(tmp.resolve("apt.conf.d"))),
                new HookInstaller.Target(HookFile.DPKG, Files.createDirectory(tmp.resolve("dpkg.cfg.d"))));
        apt = tmp.resolve("apt.conf.d/50rootfleet");
        dpkg = tmp.resolve("dpkg.cfg.d/50rootfleet");
    }

    @Test
    void install_writesBothFiles0644_andAgainReplacesThem() throws Exception {
        assertThat(installer.install(SCRIPT, targets)).containsExactly(apt, dpkg);
        assertThat(Files.readString(apt)).isEqualTo(HookFile.APT.render(SCRIPT));
        assertThat(Files.readString(dpkg)).isEqualTo(HookFile.DPKG.render(SCRIPT));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(apt))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dpkg))).isEqualTo("rw-r--r--");

        HookScript other = HookScript.of("/opt/rf/agent", Path.of("/srv/rf"), RestartFlags.of("3", 1));
        installer.install(other, targets);
        assertThat(Files.readString(apt)).isEqualTo(HookFile.APT.render(other));
        assertThat(installer.inspect(targets.get(0)).home()).contains("/srv/rf");
        try (var files = Files.list(tmp.resolve("apt.conf.d"))) {
            assertThat(files).containsExactly(apt); // no temp file left behind
        }
    }

    @Test
    void install_refusesToOverwriteAForeignFile_andWritesNothing() throws Exception {
        Files.writeString(dpkg, "post-invoke=/usr/local/sbin/site-hook\n");
        assertThatThrownBy(() -> installer.install(SCRIPT, targets)).isInstanceOf(HookInstaller.ForeignFileException.class)
                .hasMessageStartingWith(dpkg + " was not written by rootfleet-agent (no marker line); refusing to overwrite it");
        assertThat(apt).doesNotExist();
        assertThat(Files.readString(dpkg)).isEqualTo("post-invoke=/usr/local/sbin/site-hook\n");
    }

    @Test
    void install_intoAMissingDirectory_isInvalidInput() {
        List<HookInstaller.Target> missing = List.of(new HookInstaller.Target(HookFile.APT, tmp.resolve("nope")));
        assertThatThrownBy(() -> installer.install(SCRIPT, missing)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--apt-conf-dir: no such directory " + tmp.resolve("nope"));
    }

    @Test
    void uninstall_removesOnlyOurFiles() throws Exception {
        installer.install(SCRIPT, targets);
        Files.writeString(tmp.resolve("apt.conf.d/20other"), "APT::Foo \"1\";\n");
        assertThat(installer.uninstall(targets)).containsExactly(apt, dpkg);
        assertThat(apt).doesNotExist();
        assertThat(dpkg).doesNotExist();
        assertThat(tmp.resolve("apt.conf.d/20other")).exists();
        assertThat(installer.uninstall(targets)).as("nothing installed is not an error").isEmpty();
    }

    @Test
    void uninstall_refusesAForeignFile_andRemovesNothing() throws Exception {
        installer.install(SCRIPT, targets);
        Files.writeString(apt, "// someone else's 50rootfleet\nDPkg::Post-Invoke { \"true\"; };\n");
        assertThatThrownBy(() -> installer.uninstall(targets)).isInstanceOf(HookInstaller.ForeignFileException.class)
                .hasMessageContaining(apt + " was not written by rootfleet-agent");
        assertThat(apt).exists();
        assertThat(dpkg).exists();
    }

    @Test
    void inspect_aSymlinkOrDirectoryIsForeign() throws Exception {
        Files.createSymbolicLink(apt, tmp.resolve("elsewhere"));
        Files.createDirectory(dpkg);
        assertThat(installer.inspect(targets.get(0)).found()).isEqualTo(HookInstaller.Found.FOREIGN);
        assertThat(installer.inspect(targets.get(1)).found()).isEqualTo(HookInstaller.Found.FOREIGN);
    }
}
