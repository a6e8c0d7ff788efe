package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.state.HostLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The agent as a separate process, through its launcher: exec passthrough, the host lock, and a kill in mid-apply. */
@Order(8) // among the longest: started early (see the failsafe configuration)
class AgentProcessIT {
    private TestHome t;

    @BeforeEach
    void setUp() {
        t = new TestHome();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private ProcessBuilder agent(String... args) {
        return new ProcessBuilder(AgentLauncher.argv(t.dir, args));
    }

    private static String run(ProcessBuilder pb, int[] exit) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        exit[0] = p.exitValue();
        return out;
    }

    private String containers(int count) {
        StringBuilder yaml = new StringBuilder("apiVersion: rootfleet/v1\ncontainers:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("  - {name: ").append(t.name("c" + i)).append(", init: [/bin/sleep, infinity], stop: {timeout: 0}}\n");
        }
        return yaml.toString();
    }

    @Test
    void exec_passesOutputAndExitCodeThrough() throws Exception {
        assertThat(t.apply(containers(1)).exit()).isZero();
        int[] exit = new int[1];
        String out = run(agent("exec", t.name("c0"), "--", "/bin/sh", "-c", "echo \"$0 out\"; env | sort; exit 7"), exit);
        assertThat(exit[0]).isEqualTo(7);
        assertThat(out).contains("/bin/sh out").contains("PATH=").doesNotContain("HOME=/root").doesNotContain("MAVEN");

        String missing = run(agent("exec", t.name("nope"), "--", "true"), exit);
        assertThat(exit[0]).isEqualTo(1);
        assertThat(missing).contains("no container '" + t.name("nope") + "'");
    }

    @Test
    void exec_passesStandardInputThrough() throws Exception {
        assertThat(t.apply(containers(1)).exit()).isZero();
        Process p = agent("exec", t.name("c0"), "--", "cat").redirectErrorStream(true).start();
        p.getOutputStream().write("hi\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo("hi\n");
    }

    @Test
    void exec_runsInTheContainersRoot_orInCwd_notInTheCallersDirectory() throws Exception {
        assertThat(t.apply(containers(1)).exit()).isZero();
        int[] exit = new int[1];
        // /usr/share exists in the container too (the host's root is its lowest layer): it must not be used
        String out = run(agent("exec", t.name("c0"), "--", "pwd").directory(new java.io.File("/usr/share")), exit);
        assertThat(exit[0]).as(out).isZero();
        assertThat(out).isEqualTo("/\n");

        out = run(agent("exec", "--cwd", "/etc", t.name("c0"), "--", "pwd"), exit);
        assertThat(exit[0]).as(out).isZero();
        assertThat(out).isEqualTo("/etc\n");

        out = run(agent("exec", "--cwd", "etc", t.name("c0"), "--", "pwd"), exit);
        assertThat(exit[0]).isEqualTo(2);
        assertThat(out).contains("--cwd").contains("is not absolute");
    }

    @Test
    void apply_whileAnotherHoldsTheLock_exitsBusy() throws Exception {
        java.nio.file.Files.createDirectories(t.dir);
        try (HostLock held = HostLock.acquire(t.home.lockFile(), Duration.ofSeconds(1))) {
            int[] exit = new int[1];
            String out = run(agent("apply", "--lock-timeout", "1", t.writeState(containers(1)).toString()), exit);
            assertThat(exit[0]).isEqualTo(5);
            assertThat(out).contains("another rootfleet-agent holds");
        }
        assertThat(t.home.containers()).doesNotExist();
    }

    @Test
    void apply_killedMidway_isFinishedByTheNextApply() throws Exception {
        String yaml = containers(8);
        Process p = agent("apply", "--json", "--parallel", "1", t.writeState(yaml).toString()).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.contains("\"event\":\"action\"")) {
                // wait for the first container step to finish
            }
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        TestHome.Run resumed = t.apply(yaml);
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        TestHome.Run status = t.agent("status");
        assertThat(status.out().lines().filter(l -> l.contains("RUNNING"))).hasSize(8);
        assertThat(status.out()).doesNotContain("no:");
        assertThat(t.apply(yaml).out()).contains("nothing to change");
    }

    @Test
    void apply_readsJsonFromStdin() throws Exception {
        String json = "{\"apiVersion\":\"rootfleet/v1\",\"containers\":[{\"name\":\"" + t.name("j")
                + "\",\"init\":[\"/bin/sleep\",\"infinity\"],\"stop\":{\"timeout\":0}}]}";
        Process p = agent("apply", "--json", "-").redirectErrorStream(true).start();
        p.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines().reduce((a, b) -> b).orElseThrow()).startsWith("{\"event\":\"result\"").contains("\"changed\":1");
    }
}
