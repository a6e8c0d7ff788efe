package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.cli.AgentCli;
import io.rootfleet.agent.sys.MountEntry;
import io.rootfleet.agent.sys.MountTable;
import io.rootfleet.model.ContainerName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row d of the threat model: with {@code --home} given through a symlink, mount points were compared with
 * unresolved paths, so none was recognised: {@code state: absent} walked into a bind mount below the
 * container's directory and deleted host data, and every apply mounted another bind of / and another tmpfs.
 */
class HomeSymlinkIT {
    private TestHome t;
    private Path link;
    private Path canaryDir;
    private Path canary;

    @BeforeEach
    void setUp() throws Exception {
        t = new TestHome();
        link = Path.of("/tmp/rf-it-" + t.id + "-link");
        Files.createSymbolicLink(link, t.dir);
        canaryDir = Path.of("/tmp/rf-it-" + t.id + "-hostdata");
        canary = canaryDir.resolve("must-survive.txt");
        Files.createDirectories(canaryDir);
        Files.writeString(canary, "host data");
        t.onClose(() -> {
            TestHome.deleteQuietly(link);
            TestHome.deleteQuietly(canary);
            TestHome.deleteQuietly(canaryDir);
        });
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private TestHome.Run applyThroughLink(String yaml) {
        Path file = t.writeState(yaml);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AgentCli.run(new String[] {"--home", link.toString(), "apply", file.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new TestHome.Run(exit, out.toString(), err.toString());
    }

    private String container(String name, String state) {
        return """
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, state: %s, init: [/bin/sleep, infinity], stop: {timeout: 0}}
                """.formatted(name, state);
    }

    private static List<MountEntry> mountsAt(Path mountPoint) {
        return MountTable.read().entries().stream().filter(m -> m.mountPoint().equals(mountPoint)).toList();
    }

    @Test
    void absent_throughSymlinkedHome_keepsTheDataOfABindMountBelowTheContainer() throws Exception {
        String name = t.name("victim");
        TestHome.Run created = applyThroughLink(container(name, "stopped"));
        assertThat(created.exit()).as(created.out() + created.err()).isZero();
        Path inLayer = t.home.upper(new ContainerName(name)).resolve("srv/data");
        Files.createDirectories(inLayer);
        Process bind = new ProcessBuilder("mount", "--bind", canaryDir.toString(), inLayer.toString()).inheritIO().start();
        assertThat(bind.waitFor()).isZero();

        TestHome.Run deleted = applyThroughLink(container(name, "absent"));

        assertThat(deleted.exit()).as(deleted.out() + deleted.err()).isZero();
        assertThat(canary).hasContent("host data");
        assertThat(t.home.containerDir(new ContainerName(name))).doesNotExist();
        assertThat(MountTable.read().atOrBelow(t.dir.resolve("containers"))).isEmpty();
    }

    @Test
    void repeatedApplies_throughSymlinkOrNot_leaveOneRootBindAndOneMaskTmpfs() {
        String name = t.name("steady");
        for (int i = 0; i < 3; i++) {
            TestHome.Run run = applyThroughLink(container(name, "started"));
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            TestHome.Run direct = t.apply(container(name, "started"));
            assertThat(direct.exit()).as(direct.out() + direct.err()).isZero();
        }

        assertThat(mountsAt(t.dir.resolve("root"))).hasSize(1);
        assertThat(mountsAt(t.dir.resolve("mask"))).hasSize(1);
        assertThat(MountTable.read().entries()).noneMatch(m -> m.mountPoint().startsWith(link));
    }
}
