package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.lxc.LxcStatus;
import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ExitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row e of the threat model: root in one container fills the disk its layer is on, then another container's
 * {@code files:} change. The agent stages the new files and config before it stops anything, so the staging
 * fails while the other container still runs: apply fails naming the container and the path, and that container
 * keeps running (same init process) with its old file and old config. The containers' directories are on a
 * small tmpfs this test mounts (and the home's teardown unmounts), so "the disk" is 16 MiB.
 */
class DiskFullIT {
    private TestHome t;
    private String victim;
    private String filler;

    @BeforeEach
    void setUp() throws Exception {
        t = new TestHome();
        victim = t.name("rf-h9-victim");
        filler = t.name("rf-h9-filler");
        Path containers = t.home.containers();
        Files.createDirectories(containers);
        run("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "rf-h9-diskfull", containers.toString());
        t.onClose(() -> new CommonsExecRunner().run(List.of("umount", containers.toString()), Duration.ofSeconds(30)));
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private static void run(String... argv) {
        ProcessResult r = new CommonsExecRunner().run(List.of(argv), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(String.join(" ", argv) + ": " + r.stderr()).isZero();
    }

    private String state(String content, String env) {
        return """
                apiVersion: rootfleet/v1
                containers:
                  - name: %s
                    init: [/bin/sleep, infinity]
                    stop: {timeout: 0}
                    env: {VERSION: "%s"}
                    files:
                      - {path: /srv/app/app.conf, content: "%s", mode: 0644}
                  - name: %s
                    init: [/bin/sleep, infinity]
                    stop: {timeout: 0}
                """.formatted(victim, env, content, filler);
    }

    @Test
    void fullDisk_leavesTheOtherContainerRunning_withItsOldFileAndConfig() throws Exception {
        TestHome.Run first = t.apply(state("v1", "1"));
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        ContainerName name = new ContainerName(victim);
        int initPid = t.lxc.list().get(name).initPid().getAsInt();
        Path conf = t.home.upper(name).resolve("srv/app/app.conf");
        String oldConfig = Files.readString(t.home.config(name));

        // As root in the other container: fill its layer's filesystem until the kernel says it is full
        ProcessResult fill = t.exec(filler, "/bin/sh", "-c", "dd if=/dev/zero of=/fill bs=64k; dd if=/dev/zero of=/fill2 bs=512; sync");
        assertThat(fill.stderr()).contains("No space left on device");

        TestHome.Run second = t.apply(state("v2 ".repeat(20_000), "2"));

        assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(ExitStatus.FAILED.code());
        assertThat(second.out() + second.err()).contains("container " + victim).contains("/srv/app/app.conf")
                .contains("No space left on device");
        LxcStatus status = t.lxc.list().get(name);
        assertThat(status.running()).as(status.toString()).isTrue();
        assertThat(status.initPid().getAsInt()).isEqualTo(initPid);
        assertThat(conf).hasContent("v1");
        assertThat(t.home.config(name)).hasContent(oldConfig);
        try (Stream<Path> files = Files.list(conf.getParent())) {
            assertThat(files).containsExactly(conf); // the staged temp file is gone
        }
        try (Stream<Path> files = Files.list(t.home.containerDir(name))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).noneMatch(n -> n.startsWith("."));
        }
    }
}
