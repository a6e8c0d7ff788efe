package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.agent.sys.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The boot unit, installed below a throwaway root with the real systemctl and checked by systemd-analyze. */
class BootUnitIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "rootfleet-agent").toAbsolutePath().normalize();

    private TestHome t;
    private Path root;
    private Path unit;
    private Path wanted;

    @BeforeEach
    void setUp() throws IOException {
        t = new TestHome();
        root = Files.createDirectories(t.dir.resolve("sysroot"));
        unit = root.resolve("etc/systemd/system/rootfleet-agent.service");
        wanted = root.resolve("etc/systemd/system/multi-user.target.wants/rootfleet-agent.service");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void install_writesAValidEnabledUnitThatReconcilesThisHome_uninstallRemovesIt() throws IOException {
        TestHome.Run install = t.agent("boot", "install", "--root", root.toString(), "--agent", LAUNCHER.toString());

        assertThat(install.exit()).as(install.out() + install.err()).isZero();
        assertThat(install.out()).contains("wrote " + unit, "enabled rootfleet-agent.service");
        assertThat(Files.readString(unit))
                .contains("ExecStart=" + LAUNCHER + " --home " + t.dir + " reconcile\n", "Type=oneshot\n",
                        "RequiresMountsFor=" + t.dir + "\n", "WantedBy=multi-user.target\n");
        assertThat(Files.isSymbolicLink(wanted)).as("enabled for multi-user.target").isTrue();
        ProcessResult verify = new CommonsExecRunner().run(List.of("systemd-analyze", "verify", unit.toString()),
                Duration.ofSeconds(60));
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
        assertThat(t.agent("boot", "install", "--root", root.toString(), "--agent", LAUNCHER.toString()).exit())
                .as("installing again rewrites it").isZero();

        TestHome.Run uninstall = t.agent("boot", "uninstall", "--root", root.toString());

        assertThat(uninstall.exit()).as(uninstall.out() + uninstall.err()).isZero();
        assertThat(uninstall.out()).contains("disabled rootfleet-agent.service", "removed " + unit);
        assertThat(unit).doesNotExist();
        assertThat(Files.exists(wanted, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(t.agent("boot", "uninstall", "--root", root.toString()).out()).contains("no boot unit installed");
    }

    @Test
    void aUnitOfThatNameNotWrittenByTheAgent_isNeverReplacedNorRemoved() throws IOException {
        Files.createDirectories(unit.getParent());
        Files.writeString(unit, "[Service]\nExecStart=/bin/true\n");

        TestHome.Run install = t.agent("boot", "install", "--root", root.toString(), "--agent", LAUNCHER.toString());
        TestHome.Run uninstall = t.agent("boot", "uninstall", "--root", root.toString());

        assertThat(install.exit()).isEqualTo(1);
        assertThat(install.err()).contains("was not written by rootfleet-agent");
        assertThat(uninstall.exit()).isEqualTo(1);
        assertThat(Files.readString(unit)).isEqualTo("[Service]\nExecStart=/bin/true\n");
    }

    @Test
    void pathsSystemdWouldInterpret_areRefused() throws IOException {
        Path odd = Files.createDirectories(t.dir.resolve("odd dir")).resolve("agent");
        Files.writeString(odd, "#!/bin/sh\n");
        odd.toFile().setExecutable(true);
        TestHome.Run install = t.agent("boot", "install", "--root", root.toString(), "--agent", odd.toString());
        assertThat(install.exit()).isEqualTo(2);
        assertThat(install.err()).contains("has characters a systemd unit would interpret");
        assertThat(unit).doesNotExist();
    }
}
