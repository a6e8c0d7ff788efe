package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.agent.host.SafeDelete;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.MountTable;
import io.rootfleet.model.ContainerName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting never walks through a mount: a bind mount of the same filesystem (which st_dev cannot tell
 * apart) sits inside what is deleted, and the canary behind it survives.
 */
class SafeDeleteIT {
    private TestHome t;
    private Path canaryDir;
    private Path canary;

    @BeforeEach
    void setUp() throws IOException {
        t = new TestHome();
        canaryDir = Path.of("/tmp/rf-it-" + t.id + "-canary");
        canary = canaryDir.resolve("must-survive.txt");
        Files.createDirectories(canaryDir);
        Files.writeString(canary, "still here");
        t.onClose(() -> {
            TestHome.deleteQuietly(canary);
            TestHome.deleteQuietly(canaryDir);
        });
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private static void bind(Path source, Path target) throws Exception {
        Process p = new ProcessBuilder("mount", "--bind", source.toString(), target.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void deleteTree_unmountsStackedBindsAndKeepsWhatIsBehindThem() throws Exception {
        Path doomed = t.dir.resolve("doomed");
        Path mountPoint = doomed.resolve("a/b/mnt");
        Files.createDirectories(mountPoint);
        Files.writeString(doomed.resolve("a/file.txt"), "x");
        bind(canaryDir, mountPoint);
        bind(canaryDir, mountPoint); // stacked twice on the same point
        assertThat(Files.getAttribute(mountPoint, "unix:dev")).isEqualTo(Files.getAttribute(doomed, "unix:dev"));

        new SafeDelete(Kernel.get()).deleteTree(doomed);

        assertThat(doomed).doesNotExist();
        assertThat(canary).hasContent("still here");
        assertThat(MountTable.read().atOrBelow(doomed)).isEmpty();
    }

    @Test
    void deleteTree_refusesPathsNearRoot() {
        assertThatThrownBy(() -> new SafeDelete(Kernel.get()).deleteTree(Path.of("/tmp")))
                .hasMessageContaining("too close to /");
    }

    @Test
    void destroyingContainer_withBindMountInItsLayer_keepsTheCanary() throws Exception {
        String name = t.name("victim");
        String yaml = """
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, state: %s, init: [/bin/sleep, infinity], stop: {timeout: 0}}
                """;
        assertThat(t.apply(yaml.formatted(name, "stopped")).exit()).isZero();
        Path inLayer = t.home.upper(new ContainerName(name)).resolve("mnt/canary");
        Files.createDirectories(inLayer);
        bind(canaryDir, inLayer);

        TestHome.Run run = t.apply(yaml.formatted(name, "absent"));

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(t.home.containerDir(new ContainerName(name))).doesNotExist();
        assertThat(canary).hasContent("still here");
    }

    /**
     * Row d of the threat model: with --home given through a symlink, mount points were compared with
     * unresolved paths, none was recognised, and state: absent walked into the bind mount and deleted host data.
     */
    @Test
    void destroyingContainer_throughSymlinkedHome_keepsTheCanary() throws Exception {
        Path link = Path.of("/tmp/rf-it-" + t.id + "-link");
        Files.createSymbolicLink(link, t.dir);
        t.onClose(() -> TestHome.deleteQuietly(link));
        String name = t.name("victim");
        String yaml = """
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, state: %s, init: [/bin/sleep, infinity], stop: {timeout: 0}}
                """;
        TestHome.Run created = TestHome.agentAt(link, "apply", t.writeState(yaml.formatted(name, "stopped")).toString());
        assertThat(created.exit()).as(created.out() + created.err()).isZero();
        Path inLayer = t.home.upper(new ContainerName(name)).resolve("srv/data");
        Files.createDirectories(inLayer);
        bind(canaryDir, inLayer);

        TestHome.Run run = TestHome.agentAt(link, "apply", t.writeState(yaml.formatted(name, "absent")).toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(canary).hasContent("still here");
        assertThat(t.home.containerDir(new ContainerName(name))).doesNotExist();
        assertThat(MountTable.read().atOrBelow(t.dir.resolve("containers"))).isEmpty();
    }
}
