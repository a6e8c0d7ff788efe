package io.rootfleet.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentHomeTest {
    @TempDir
    Path tmp;

    @Test
    void homeGivenThroughSymlink_isItsRealPath() throws Exception {
        Path real = Files.createDirectories(tmp.toRealPath().resolve("real-home"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

        AgentHome home = new AgentHome(link);

        assertThat(home.dir()).isEqualTo(real);
        assertThat(home.rootMount()).isEqualTo(real.resolve("root"));
    }

    @Test
    void homeNotCreatedYet_belowSymlinkedParent_keepsItsNameUnderTheRealParent() throws Exception {
        Path real = Files.createDirectories(tmp.toRealPath().resolve("real-parent"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

        assertThat(new AgentHome(link.resolve("a/home")).dir()).isEqualTo(real.resolve("a/home"));
    }
}
