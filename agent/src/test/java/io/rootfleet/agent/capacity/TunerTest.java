package io.rootfleet.agent.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tuner on a test's own sysctl.d directory and /proc/sys tree: the machine's own are never touched. */
class TunerTest {
    @TempDir
    Path tmp;

    private Path sysctlDir;
    private Path procSys;
    private Tuner tuner;

    @BeforeEach
    void setUp() throws IOException {
        sysctlDir = Files.createDirectories(tmp.resolve("etc/sysctl.d"));
        procSys = tmp.resolve("proc/sys");
        Map<Sysctl, Long> debian = Map.of(Sysctl.INOTIFY_INSTANCES, 128L, Sysctl.INOTIFY_WATCHES, 2_000_000L,
                Sysctl.PID_MAX, 32_768L);
        for (Map.Entry<Sysctl, Long> e : debian.entrySet()) {
            Path file = e.getKey().file(procSys);
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue() + "\n");
        }
        tuner = new Tuner(sysctlDir, new SysctlTree(procSys));
    }

    private long value(Sysctl sysctl) throws IOException {
        return Long.parseLong(Files.readString(sysctl.file(procSys)).strip());
    }

    @Test
    void tune_writesItsFileAndRaisesTheLowValues_neverLowersOne_thenHasNothingToDo() throws IOException {
        Tuner.Result check = tuner.tune(true);
        assertThat(check.changed()).isTrue();
        assertThat(check.lines()).contains("would set fs.inotify.max_user_instances = 1048576 (was 128)");
        assertThat(tuner.file()).doesNotExist();
        assertThat(value(Sysctl.INOTIFY_INSTANCES)).isEqualTo(128);

        Tuner.Result done = tuner.tune(false);

        assertThat(done.lines()).containsExactly(
                "write " + tuner.file() + " (3 kernel parameters, set again at every boot)",
                "set fs.inotify.max_user_instances = 1048576 (was 128)",
                "set kernel.pid_max = 4194304 (was 32768)");
        assertThat(value(Sysctl.INOTIFY_INSTANCES)).isEqualTo(1_048_576);
        assertThat(value(Sysctl.INOTIFY_WATCHES)).as("higher than production: kept").isEqualTo(2_000_000);
        assertThat(value(Sysctl.PID_MAX)).isEqualTo(4_194_304);
        assertThat(Files.readString(tuner.file())).contains("fs.inotify.max_user_watches = 2000000\n");

        Tuner.Result again = tuner.tune(false);
        assertThat(again.changed()).isFalse();
        assertThat(again.lines()).containsExactly("nothing to change: " + tuner.file()
                + " and the running kernel have the production values");
    }

    @Test
    void tune_leavesAFileItDidNotWriteAlone() throws IOException {
        Files.writeString(tuner.file(), "kernel.pid_max = 100000\n");

        assertThatThrownBy(() -> tuner.tune(false)).isInstanceOf(Tuner.ForeignFileException.class)
                .hasMessageContaining("was not written by rootfleet-agent tune: nothing changed");
        assertThat(Files.readString(tuner.file())).isEqualTo("kernel.pid_max = 100000\n");
        assertThat(value(Sysctl.PID_MAX)).isEqualTo(32_768);
    }

    @Test
    void tune_notesALaterFileThatSetsALowerValue() throws IOException {
        Files.writeString(sysctlDir.resolve("99-sysctl.conf"), "fs.inotify.max_user_instances = 512\n");
        Files.writeString(sysctlDir.resolve("30-lxc-inotify.conf"), "fs.inotify.max_user_instances = 1024\n");

        assertThat(tuner.tune(false).lines()).contains("note: " + sysctlDir.resolve("99-sysctl.conf")
                + ":1: fs.inotify.max_user_instances = 512 is lower and read after 60-rootfleet.conf at boot, so it wins"
                + " there; remove that setting to keep rootfleet's");
    }
}
