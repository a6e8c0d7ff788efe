package io.rootfleet.agent.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MountTableTest {
    private static final String MOUNTINFO = """
            27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
            42 27 254:0 / /var/lib/rootfleet/root ro,nosuid,nodev,relatime - ext4 /dev/vda rw
            43 27 0:39 / /var/lib/rootfleet/mask rw,nosuid - tmpfs rootfleet-mask rw,size=262144k
            44 42 0:40 / /var/lib/rootfleet/root/mnt/my\\040disk rw shared:5 - ext4 /dev/vdb rw
            45 43 254:0 / /var/lib/rootfleet/mask rw - ext4 /dev/vda rw
            """;

    @Test
    void parse_readsMountPointsOptionsAndEscapes() {
        MountTable table = MountTable.parse(MOUNTINFO);
        assertThat(table.entries()).hasSize(5);
        assertThat(table.at(Path.of("/var/lib/rootfleet/root")).orElseThrow().readOnly()).isTrue();
        assertThat(table.entries().get(3).mountPoint()).isEqualTo(Path.of("/var/lib/rootfleet/root/mnt/my disk"));
        assertThat(table.entries().get(3).fsType()).isEqualTo("ext4");
    }

    @Test
    void at_returnsTopmostOfStackedMounts() {
        assertThat(MountTable.parse(MOUNTINFO).at(Path.of("/var/lib/rootfleet/mask")).orElseThrow().id()).isEqualTo(45);
    }

    @Test
    void atOrBelow_deepestFirstAndNotSiblingsWithSamePrefix() {
        MountTable table = MountTable.parse(MOUNTINFO + "46 27 0:41 / /var/lib/rootfleet-other rw - tmpfs t rw\n");
        assertThat(table.atOrBelow(Path.of("/var/lib/rootfleet")))
                .extracting(MountEntry::id)
                .containsExactly(44, 45, 43, 42);
    }
}
