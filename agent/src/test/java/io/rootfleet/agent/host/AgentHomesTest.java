package io.rootfleet.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.sys.MountTable;
import io.rootfleet.model.AbsolutePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentHomesTest {
    @TempDir
    Path tmp;

    private static final String MOUNTINFO = """
            22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
            90 22 8:1 / /srv/other-home/root ro,nosuid,nodev,relatime - ext4 /dev/sda1 rw
            91 22 0:50 / /srv/other-home/mask rw,nosuid,nodev,relatime - tmpfs rootfleet-mask rw,size=262144k,mode=700
            92 22 0:51 / /tmp/rf-it-a1b2c3/mask rw,nosuid,nodev,relatime - tmpfs rootfleet-mask rw,size=262144k,mode=700
            93 22 0:52 / /run/user/0 rw,nosuid,nodev,relatime - tmpfs tmpfs rw
            94 22 0:53 / /srv/not-a-home/mask rw,relatime - tmpfs tmpfs rw
            """;

    @Test
    void toHide_ownDefaultAndEveryHomeWithAMountedMaskLayer() {
        AgentHome own = new AgentHome(Path.of("/srv/own-home"));

        assertThat(AgentHomes.toHide(own, MountTable.parse(MOUNTINFO), List.of())).containsExactly(
                new AbsolutePath("/srv/other-home"),
                new AbsolutePath("/srv/own-home"),
                new AbsolutePath("/tmp/rf-it-a1b2c3"),
                new AbsolutePath("/var/lib/rootfleet"));
    }

    @Test
    void aRegisteredHome_isHidden_evenWithNothingOfItMounted() throws Exception {
        Path registry = tmp.resolve("registry");
        Path other = Files.createDirectories(tmp.resolve("other-home"));
        AgentHome otherHome = new AgentHome(other);
        AgentHomes.register(otherHome, registry);
        AgentHomes.register(otherHome, registry); // once
        Path gone = Files.createDirectories(tmp.resolve("deleted-home"));
        AgentHomes.register(new AgentHome(gone), registry);
        Files.delete(gone);

        assertThat(registry.toFile().list()).hasSize(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(registry))).isEqualTo("rwx------");
        assertThat(AgentHomes.registered(registry)).containsExactly(otherHome.dir()); // a deleted home is skipped
        AgentHome own = new AgentHome(Path.of("/srv/own-home"));
        assertThat(AgentHomes.toHide(own, MountTable.parse("22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"),
                AgentHomes.registered(registry))).contains(new AbsolutePath(otherHome.dir().toString()));
        assertThat(AgentHomes.registered(tmp.resolve("no-registry"))).isEmpty();
    }

    @Test
    void anEntryAnotherAgentIsStillWriting_isNotReadYet() throws Exception {
        Path registry = tmp.resolve("registry");
        Path home = Files.createDirectories(tmp.resolve("home"));
        AgentHomes.register(new AgentHome(home), registry);
        // what AtomicFiles writes before renaming it into place (an agent registering at this moment failed on it)
        Path other = Files.createDirectories(tmp.resolve("other-home"));
        Files.writeString(registry.resolve(".0123456789abcdef0123456789abcdef.tmp-42"), other + "\n");

        assertThat(AgentHomes.registered(registry)).containsExactly(home);
    }
}
