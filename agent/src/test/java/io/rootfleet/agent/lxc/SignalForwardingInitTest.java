package io.rootfleet.agent.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalForwardingInitTest {
    @TempDir
    Path dir;

    @Test
    void wrap_runsTheProgramUnderTheFirstInstalledInitLxc() throws IOException {
        Path installed = Files.createDirectories(dir.resolve("sbin")).resolve("init.lxc");
        Files.writeString(installed, "");
        installed.toFile().setExecutable(true);
        SignalForwardingInit init = new SignalForwardingInit(dir, List.of(dir.resolve("missing/init.lxc"), installed));
        assertThat(init.wrap("web", List.of("/usr/bin/python3", "-m", "http.server")))
                .containsExactly(installed.toString(), "--name", "web", "--quiet", "--", "/usr/bin/python3", "-m", "http.server");
    }

    @Test
    void wrap_withoutInitLxc_saysWhatToInstall() {
        SignalForwardingInit init = new SignalForwardingInit(dir, List.of(dir.resolve("none/init.lxc")));
        assertThatThrownBy(() -> init.wrap("web", List.of("/bin/sleep")))
                .hasMessageContaining("init.lxc is not installed on this host").hasMessageContaining("install");
    }

    @Test
    void programPid_isInitLxcsChild_otherInitsAsTheyAre() throws IOException {
        Files.writeString(dir.resolve("init.lxc"), "");
        Files.writeString(dir.resolve("systemd"), "");
        process(10, dir.resolve("init.lxc"), "11 15 ");
        process(20, dir.resolve("systemd"), "21 ");
        process(30, dir.resolve("init.lxc"), "");
        SignalForwardingInit init = new SignalForwardingInit(dir, List.of());
        assertThat(init.programPid(OptionalInt.of(10))).hasValue(11);
        assertThat(init.programPid(OptionalInt.of(20))).hasValue(20);
        assertThat(init.programPid(OptionalInt.of(30))).as("not forked yet").hasValue(30);
        assertThat(init.programPid(OptionalInt.of(40))).as("gone").hasValue(40);
        assertThat(init.programPid(OptionalInt.empty())).isEmpty();
    }

    private void process(int pid, Path exe, String children) throws IOException {
        Path p = Files.createDirectories(dir.resolve(String.valueOf(pid)));
        Files.createSymbolicLink(p.resolve("exe"), exe);
        Files.writeString(Files.createDirectories(p.resolve("task/" + pid)).resolve("children"), children);
    }
}
