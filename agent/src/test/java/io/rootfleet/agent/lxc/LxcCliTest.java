package io.rootfleet.agent.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.agent.sys.CommandFailedException;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.agent.sys.ProcessRunner;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.StopPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The argv LxcCli builds and how it reads what lxc-* answer; the real commands run in the ITs. */
class LxcCliTest {
    private static final ContainerName WEB = new ContainerName("web");

    /** Answers every command with one result and keeps the argv and timeout it was given. */
    private static final class Answering implements ProcessRunner {
        final List<List<String>> argvs = new ArrayList<>();
        final List<Duration> timeouts = new ArrayList<>();
        private final int exit;
        private final String stderr;

        Answering(int exit, String stderr) {
            this.exit = exit;
            this.stderr = stderr;
        }

        @Override
        public ProcessResult run(List<String> argv, Duration timeout) {
            argvs.add(argv);
            timeouts.add(timeout);
            return new ProcessResult(argv, exit, "", stderr);
        }

        @Override
        public int runInteractive(List<String> argv) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void probeTcp_connectsInTheNetworkNamespace_underTimeout_portAsAnArgument() {
        Answering runner = new Answering(0, "");
        new LxcCli(runner, Path.of("/lxc")).probeTcp(WEB, 8080, Duration.ofSeconds(3));
        List<String> argv = runner.argvs.get(0);
        assertThat(argv.subList(0, 8)).containsExactly("lxc-attach", "-P", "/lxc", "-n", "web", "--namespaces",
                "NETWORK", "--clear-env");
        assertThat(argv.subList(argv.indexOf("--") + 1, argv.size())).containsExactly("/usr/bin/timeout",
                "--kill-after=1", "3s", "/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/$1", "tcp-check", "8080");
        assertThat(runner.timeouts.get(0)).as("the command's timeout and some for lxc-attach").isEqualTo(Duration.ofSeconds(13));
    }

    @Test
    void attachCaptured_runsTheCommandUnderTimeoutInside() {
        Answering runner = new Answering(0, "");
        new LxcCli(runner, Path.of("/lxc")).attachCaptured(WEB, Map.of(), List.of("/bin/true"), Duration.ofSeconds(5));
        List<String> argv = runner.argvs.get(0);
        assertThat(argv.subList(argv.indexOf("--") + 1, argv.size()))
                .containsExactly("/usr/bin/timeout", "--kill-after=1", "5s", "/bin/true");
    }

    @Test
    void stop_ofAContainerThatIsNotRunning_isATypedOutcome_otherFailuresThrow() {
        StopPolicy policy = new StopPolicy("SIGTERM", 5);
        assertThat(new LxcCli(new Answering(0, ""), Path.of("/lxc")).stop(WEB, policy)).isEqualTo(Lxc.StopResult.STOPPED);
        assertThat(new LxcCli(new Answering(2, "web is not running\n"), Path.of("/lxc")).stop(WEB, policy))
                .isEqualTo(Lxc.StopResult.WAS_NOT_RUNNING);
        assertThatThrownBy(() -> new LxcCli(new Answering(1, "no such container"), Path.of("/lxc")).stop(WEB, policy))
                .isInstanceOf(CommandFailedException.class).hasMessageContaining("no such container");
    }

    @Test
    void parseList_readsLxcsStateWords() {
        assertThat(LxcCli.parseList("NAME STATE PID\nweb FROZEN 7\n").get(WEB).state()).isEqualTo(RunState.FROZEN);
        assertThatThrownBy(() -> LxcCli.parseList("NAME STATE PID\nweb MELTING 7\n"))
                .hasMessageContaining("unknown state 'MELTING'");
    }

    @Test
    void start_ofAPlainProgram_putsInitLxcInFront_theHostInitAsConfigured() {
        Answering runner = new Answering(0, "");
        LxcCli lxc = new LxcCli(runner, Path.of("/lxc"), new SignalForwardingInit(Path.of("/proc"), List.of(Path.of("/bin/sh"))));
        lxc.start(WEB, List.of("/usr/bin/sleep", "infinity"));
        lxc.start(WEB, List.of());
        assertThat(runner.argvs.get(0)).containsExactly("lxc-start", "-P", "/lxc", "-n", "web", "--", "/bin/sh",
                "--name", "web", "--quiet", "--", "/usr/bin/sleep", "infinity");
        assertThat(runner.argvs.get(1)).containsExactly("lxc-start", "-P", "/lxc", "-n", "web");
    }
}
