package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.sys.MountEntry;
import io.rootfleet.agent.sys.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row d of the threat model: with {@code --home} given through a symlink, the check "is the shared root bind
 * already mounted here?" looked for the unresolved path in mountinfo, found nothing, and every apply mounted
 * another bind of / and another tmpfs. (The delete through such a home: {@link SafeDeleteIT}.)
 */
class HomeSymlinkIT {
    private TestHome t;
    private Path link;

    @BeforeEach
    void setUp() throws Exception {
        t = new TestHome();
        link = Path.of("/tmp/rf-it-" + t.id + "-link");
        Files.createSymbolicLink(link, t.dir);
        t.onClose(() -> TestHome.deleteQuietly(link));
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private static List<MountEntry> mountsAt(Path mountPoint) {
        return MountTable.read().entries().stream().filter(m -> m.mountPoint().equals(mountPoint)).toList();
    }

    @Test
    void repeatedApplies_throughSymlinkOrNot_leaveOneRootBindAndOneMaskTmpfs() {
        String yaml = """
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, init: [/bin/sleep, infinity], stop: {timeout: 0}}
                """.formatted(t.name("steady"));
        for (int i = 0; i < 3; i++) {
            TestHome.Run run = TestHome.agentAt(link, "apply", t.writeState(yaml).toString());
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            TestHome.Run direct = t.apply(yaml);
            assertThat(direct.exit()).as(direct.out() + direct.err()).isZero();
        }

        assertThat(mountsAt(t.dir.resolve("root"))).hasSize(1);
        assertThat(mountsAt(t.dir.resolve("mask"))).hasSize(1);
        assertThat(MountTable.read().entries()).noneMatch(m -> m.mountPoint().startsWith(link));
    }
}
