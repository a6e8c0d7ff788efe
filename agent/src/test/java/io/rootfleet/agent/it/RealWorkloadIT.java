package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.sys.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a real workload needs from a container: a stop that is quick and clean whatever the init, and a mask
 * that keeps the directories packages expect.
 */
class RealWorkloadIT {
    private TestHome t;

    @BeforeEach
    void setUp() {
        t = new TestHome();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void plainProgramThatIgnoresSigtermAsPid1_stopsWellUnderTheTimeout() {
        String name = t.name("sleeper");
        String started = """
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, state: %s, init: [/usr/bin/sleep, infinity]}
                """;
        applyOk(started.formatted(name, "started"));
        // the program is PID 2 under init.lxc, and status names the program, not the init in front of it
        ProcessResult ps = t.exec(name, "/bin/ps", "-o", "pid=,comm=", "-p", "1,2");
        assertThat(ps.stdout()).containsPattern("1 init.lxc").containsPattern("2 sleep");
        assertThat(t.agent("status").out()).containsPattern(name + "\\s+started\\s+RUNNING\\s+\\S+\\s+\\d+");

        // the hidden /var/log keeps the host's directories, empty, with their owner and mode
        assertThat(hostFiles(Path.of("/var/log/apt"))).as("the host has apt logs").isNotEmpty();
        ProcessResult apt = t.exec(name, "/bin/sh", "-c", "stat -c '%U:%G %a' /var/log/apt && ls -A /var/log/apt | wc -l");
        assertThat(apt.stdout()).isEqualTo(hostOwnerAndMode(Path.of("/var/log/apt")) + "\n0\n");

        assertThat(applyOk(started.formatted(name, "stopped")))
                .as("default timeout is 10 s; init.lxc passes SIGTERM on").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void hostSystemd_haltsOnItsDefaultSignal_wellUnderTheTimeout() {
        String name = t.name("sysd");
        String state = """
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, state: %s}
                """;
        applyOk(state.formatted(name, "started")); // apply waits for systemd to finish booting
        assertThat(t.exec(name, "/bin/cat", "/etc/systemd/journald.conf.d/rootfleet.conf").stdout()).contains("SystemMaxUse=");

        assertThat(applyOk(state.formatted(name, "stopped")))
                .as("SIGRTMIN+3 halts systemd; SIGPWR waited the whole 30 s").isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void missingBridge_failsWithLxcsOwnReason() {
        String name = t.name("nobridge");
        TestHome.Run run = t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, init: [/usr/bin/sleep, infinity], network: {bridge: rfnone%s}}
                """.formatted(name, t.id));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("lxc-start could not start " + name + ": ")
                .contains("bridge interface doesn't exist").doesNotContain("ABORTING");
    }

    @Test
    void hostSystemd_whoseDeclaredServiceFails_makesApplyExit1_namingTheUnit() {
        String name = t.name("failing");
        TestHome.Run run = t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - name: %s
                    services: [rf-app.service]
                    files:
                      - path: /etc/systemd/system/rf-app.service
                        content: "[Unit]\\nDescription=rootfleet test app\\n[Service]\\nType=oneshot\\nExecStart=/bin/sh -c 'echo app cannot start; exit 1'\\n[Install]\\nWantedBy=multi-user.target\\n"
                """.formatted(name));
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains(name + ": started but not healthy: service rf-app.service is failed; its journal: ")
                .contains("app cannot start");
    }

    private static List<Path> hostFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostOwnerAndMode(Path dir) {
        try {
            PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission p : attrs.permissions()) {
                mode |= 1 << (8 - p.ordinal());
            }
            return attrs.owner().getName() + ":" + attrs.group().getName() + " " + Integer.toOctalString(mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies a desired state that must succeed; returns how long it took. */
    private Duration applyOk(String yaml) {
        long start = System.nanoTime();
        TestHome.Run run = t.apply(yaml);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
