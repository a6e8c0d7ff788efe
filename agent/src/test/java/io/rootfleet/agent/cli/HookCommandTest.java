package io.rootfleet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.ExitStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hook install, status and uninstall on scratch directories; hook run exits 0 whatever it is given. */
class HookCommandTest {
    @TempDir
    Path tmp;

    private Path home;
    private Path apt;
    private Path dpkg;
    private Path agent;

    private record Run(int exit, String out, String err) {}

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectory(tmp.resolve("home"));
        apt = Files.createDirectory(tmp.resolve("apt.conf.d"));
        dpkg = Files.createDirectory(tmp.resolve("dpkg.cfg.d"));
        agent = Files.writeString(tmp.resolve("rootfleet-agent"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run hook(String... args) {
        List<String> argv = new ArrayList<>(List.of("--home", home.toString(), "hook"));
        argv.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AgentCli.run(argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private String[] dirs(String... more) {
        List<String> args = new ArrayList<>(List.of(more));
        args.addAll(List.of("--apt-conf-dir", apt.toString(), "--dpkg-conf-dir", dpkg.toString()));
        return args.toArray(String[]::new);
    }

    @Test
    void install_status_uninstall() throws Exception {
        Run install = hook(dirs("install", "--agent", agent.toString(), "--batch", "2", "--max-fail", "3"));
        assertThat(install.exit()).as(install.err()).isZero();
        assertThat(install.out()).contains("wrote " + apt.resolve("50rootfleet"), "wrote " + dpkg.resolve("50rootfleet"),
                "(--batch 2 --max-fail 3); log: " + home.resolve("hook.log"));
        assertThat(Files.readString(apt.resolve("50rootfleet"))).contains("hook run --agent '" + agent + "' '--batch' '2'"
                + " '--max-fail' '3'");

        Run status = hook(dirs("status"));
        assertThat(status.exit()).isZero();
        assertThat(status.out()).containsPattern("apt +" + apt.resolve("50rootfleet") + " +installed, for agent home " + home)
                .containsPattern("dpkg +" + dpkg.resolve("50rootfleet") + " +installed").contains("none yet");

        Run uninstall = hook(dirs("uninstall"));
        assertThat(uninstall.exit()).isZero();
        assertThat(uninstall.out()).contains("removed " + apt.resolve("50rootfleet"), "removed " + dpkg.resolve("50rootfleet"));
        assertThat(apt.resolve("50rootfleet")).doesNotExist();
        assertThat(hook(dirs("uninstall")).out()).startsWith("no hook installed");
    }

    @Test
    void install_noDpkg_writesOnlyApts() {
        assertThat(hook(dirs("install", "--agent", agent.toString(), "--no-dpkg")).exit()).isZero();
        assertThat(apt.resolve("50rootfleet")).exists();
        assertThat(dpkg.resolve("50rootfleet")).doesNotExist();
    }

    @Test
    void foreignFile_exit1_nothingChanged() throws Exception {
        Files.writeString(apt.resolve("50rootfleet"), "DPkg::Post-Invoke { \"/usr/local/sbin/mine\"; };\n");
        Run install = hook(dirs("install", "--agent", agent.toString()));
        assertThat(install.exit()).isEqualTo(ExitStatus.FAILED.code());
        assertThat(install.err()).contains(apt.resolve("50rootfleet") + " was not written by rootfleet-agent");
        assertThat(dpkg.resolve("50rootfleet")).doesNotExist();

        Run uninstall = hook(dirs("uninstall"));
        assertThat(uninstall.exit()).isEqualTo(ExitStatus.FAILED.code());
        assertThat(apt.resolve("50rootfleet")).exists();
        assertThat(hook(dirs("status")).out()).contains("a file rootfleet-agent did not write");
    }

    @Test
    void install_badOptions_exit2() {
        Run relative = hook(dirs("install", "--agent", "bin/rootfleet-agent"));
        assertThat(relative.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(relative.err()).contains("--agent: path 'bin/rootfleet-agent' is not absolute");

        Run missing = hook(dirs("install", "--agent", tmp.resolve("nope").toString()));
        assertThat(missing.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(missing.err()).contains("--agent: '" + tmp.resolve("nope") + "' is not an executable file");

        Run batch = hook(dirs("install", "--agent", agent.toString(), "--batch", "0%"));
        assertThat(batch.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(batch.err()).contains("--batch: '0%' is not a batch size");
        assertThat(apt.resolve("50rootfleet")).doesNotExist();
    }

    @Test
    void run_alwaysExitsZero_andLogsWhatWasWrong() throws Exception {
        Run run = hook("run", "--agent", agent.toString(), "--batch", "lots", "--from-a-newer-hook");
        assertThat(run.exit()).isZero();
        String log = Files.readString(home.resolve("hook.log"));
        assertThat(log).containsPattern("run\\[\\d+\\]: ignoring arguments this agent does not know: --from-a-newer-hook")
                .contains("failed: --batch: 'lots' is not a batch size");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("hook.log")))).isEqualTo("rw-------");

        Path noHome = tmp.resolve("no-home");
        StringWriter err = new StringWriter();
        int exit = AgentCli.run(new String[] {"--home", noHome.toString(), "hook", "run", "--agent", agent.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(exit).isZero();
        assertThat(err.toString()).contains(noHome + ": no agent home here");
        assertThat(noHome).doesNotExist();
    }

    @Test
    void install_withWindowJitterAndNotify_keepsThemInTheHome_andWritesTheWindowsTimer() throws Exception {
        Path root = tmp.resolve("root");
        Run install = hook(dirs("install", "--agent", agent.toString(), "--window", "Mon-Fri 02:00-04:00", "--jitter", "30m",
                "--notify", "https://hooks.example.org/rf?token=secret", "--systemd-root", root.toString()));
        assertThat(install.exit()).as(install.err()).isZero();
        Path settings = home.resolve("hook-settings.json");
        assertThat(Files.readString(settings)).isEqualTo("{\"window\":\"Mon-Fri 02:00-04:00\",\"jitter\":\"30m\","
                + "\"notifyUrl\":\"https://hooks.example.org/rf?token=secret\"}\n");
        assertThat(Files.getPosixFilePermissions(settings)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(install.out()).contains("wrote " + settings)
                .contains("inside the window Mon,Tue,Wed,Thu,Fri 02:00-04:00 (host local time), ")
                .contains("notifying https://hooks.example.org/rf?...;")
                .doesNotContain("secret");
        Path units = root.resolve("etc/systemd/system");
        try (var files = Files.list(units)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .hasSize(3).anyMatch(n -> n.matches("rootfleet-hook-window-[0-9a-f]{8}\\.timer"))
                    .anyMatch(n -> n.matches("rootfleet-hook-window-[0-9a-f]{8}\\.service")).contains("timers.target.wants");
        }
        Path timer;
        try (var files = Files.list(units)) {
            timer = files.filter(p -> p.toString().endsWith(".timer")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(timer)).containsPattern("OnCalendar=Mon,Tue,Wed,Thu,Fri \\*-\\*-\\* 02:[0-2]\\d:\\d\\d\n")
                .contains("Persistent=true\n");
        Path service = Path.of(timer.toString().replace(".timer", ".service"));
        assertThat(Files.readString(service)).contains("ExecStart=" + agent + " --home " + home + " hook settle --pending --agent "
                + agent + "\n");

        Run status = hook(dirs("status"));
        assertThat(status.out()).containsPattern("settings " + settings + ": window Mon-Fri 02:00-04:00, jitter up to 30m"
                + " \\(this host: \\S+\\), notify https://hooks.example.org/rf\\?\\.\\.\\.\n");

        Run uninstall = hook(dirs("uninstall", "--systemd-root", root.toString()));
        assertThat(uninstall.exit()).as(uninstall.err()).isZero();
        assertThat(uninstall.out()).contains("removed " + settings, "removed " + timer, "removed " + service);
        assertThat(settings).doesNotExist();
        assertThat(timer).doesNotExist();
    }

    @Test
    void install_refusesABadWindowJitterOrUrl_beforeWritingAnything() {
        Run window = hook(dirs("install", "--agent", agent.toString(), "--window", "weekdays 2-4"));
        assertThat(window.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(window.err()).contains("--window").contains("'weekdays 2-4' is not a restart window");
        Run jitter = hook(dirs("install", "--agent", agent.toString(), "--window", "Mon 02:00-03:00", "--jitter", "2h"));
        assertThat(jitter.err()).contains("--jitter 2h is not shorter than the window Mon 02:00-03:00 (1h)");
        Run url = hook(dirs("install", "--agent", agent.toString(), "--notify", "ftp://x"));
        assertThat(url.exit()).isEqualTo(ExitStatus.INVALID_INPUT.code());
        assertThat(url.err()).contains("--notify");
        assertThat(apt.resolve("50rootfleet")).doesNotExist();
        assertThat(home.resolve("hook-settings.json")).doesNotExist();
    }
}
