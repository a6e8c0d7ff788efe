package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.host.HostLayers;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row h of the threat model: a container with {@code unhide: [/tmp]} read another agent home's layers and
 * desired state (only its own home was masked), and {@code dmesg} showed the host's kernel log. Now every
 * agent home found on the host is masked in every container, and CAP_SYSLOG is dropped.
 */
class HostInfoIT {
    private TestHome mine;
    private TestHome other;

    @BeforeEach
    void setUp() {
        mine = new TestHome();
        other = new TestHome();
    }

    @AfterEach
    void tearDown() {
        try {
            mine.close();
        } finally {
            other.close();
        }
    }

    private static String container(String name, String template, String extra) {
        return """
                apiVersion: rootfleet/v1
                containers:
                  - name: %s
                    template: %s
                    init: [/bin/sleep, infinity]
                    stop: {timeout: 0}
                %s""".formatted(name, template, extra);
    }

    private String sh(String name, String script) {
        ProcessResult r = mine.exec(name, "/bin/sh", "-c", script);
        return "exit=" + r.exitCode() + "\n" + r.stdout() + r.stderr();
    }

    @Test
    void anotherAgentsHome_isHiddenEvenWithTmpUnhidden() throws Exception {
        String victim = other.name("victim");
        TestHome.Run run = other.apply(container(victim, "debian", "    env: {DB_PASSWORD: hunter2}\n"));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(Files.readString(other.home.desiredFile())).contains("hunter2");

        String spy = mine.name("spy");
        run = mine.apply(container(spy, "debian", "    unhide: [/tmp]\n"));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();

        assertThat(sh(spy, "cat " + other.home.desiredFile())).doesNotContain("hunter2").doesNotStartWith("exit=0");
        assertThat(sh(spy, "ls -A " + other.dir)).isEqualTo("exit=0\n"); // shown as an empty directory
        assertThat(sh(spy, "ls -A " + mine.dir)).isEqualTo("exit=0\n");
        // what is not a home stays visible: the unhidden /tmp is the host's
        Path marker = Path.of("/tmp/rf-it-" + mine.id + "-visible");
        Files.writeString(marker, "x");
        mine.onClose(() -> TestHome.deleteQuietly(marker));
        assertThat(sh(spy, "cat " + marker)).isEqualTo("exit=0\nx");
    }

    @Test
    void anotherAgentsHome_withNothingOfItMounted_isHiddenToo() throws Exception {
        String victim = other.name("rf-h9-asleep");
        TestHome.Run run = other.apply(container(victim, "debian", "    state: stopped\n    env: {DB_PASSWORD: hunter2}\n"));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        // as after a reboot: nothing of the other home is mounted, so the mount table cannot tell it is a home
        new HostLayers(other.home, Kernel.get()).release();
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).noneMatch(l -> l.contains(other.dir.toString()));

        String spy = mine.name("rf-h9-spy");
        run = mine.apply(container(spy, "debian", "    unhide: [/tmp]\n"));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();

        assertThat(sh(spy, "cat " + other.home.desiredFile())).doesNotContain("hunter2").doesNotStartWith("exit=0");
        assertThat(sh(spy, "ls -A " + other.dir)).isEqualTo("exit=0\n"); // shown as an empty directory
    }

    @Test
    void hostKernelLog_isNotReadable_inEitherTemplate() {
        for (String template : new String[] {"debian", "minimal"}) {
            String name = mine.name(template.substring(0, 3));
            TestHome.Run run = mine.apply(container(name, template, ""));
            assertThat(run.exit()).as(run.out() + run.err()).isZero();

            assertThat(sh(name, "dmesg | head -n 3")).as(template).doesNotContain("Linux version").contains("dmesg:");
            assertThat(sh(name, "head -c 200 /dev/kmsg")).as(template).doesNotStartWith("exit=0");
        }
    }
}
