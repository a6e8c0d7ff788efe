package io.rootfleet.agent.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TuneFileTest {

    @Test
    void targets_raiseToProduction_keepHigherValues_skipWhatTheHostLacks() {
        Map<Sysctl, Long> current = new TreeMap<>(Map.of(Sysctl.INOTIFY_INSTANCES, 128L, Sysctl.INOTIFY_WATCHES, 4_000_000L,
                Sysctl.PID_MAX, 32_768L));

        assertThat(TuneFile.targets(current)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Sysctl.INOTIFY_INSTANCES, 1_048_576L, Sysctl.INOTIFY_WATCHES, 4_000_000L, Sysctl.PID_MAX, 4_194_304L));
    }

    @Test
    void render_startsWithTheMarker_oneLinePerValue() {
        SortedMap<Sysctl, Long> targets = new TreeMap<>(Map.of(Sysctl.PID_MAX, 4_194_304L, Sysctl.INOTIFY_INSTANCES, 1_048_576L));
        String text = TuneFile.render(targets);

        assertThat(TuneFile.ours(text)).isTrue();
        assertThat(text).endsWith("\nfs.inotify.max_user_instances = 1048576\nkernel.pid_max = 4194304\n");
        assertThat(TuneFile.ours("fs.inotify.max_user_instances = 1024\n")).isFalse();
    }

    @Test
    void overriddenBy_findsLowerSettingsOfALaterFile_inEitherSpelling() {
        SortedMap<Sysctl, Long> targets = new TreeMap<>(Map.of(Sysctl.INOTIFY_INSTANCES, 1_048_576L, Sysctl.PID_MAX, 4_194_304L));
        String later = "# comment\nfs.inotify.max_user_instances = 1024\nkernel/pid_max=4194304\n-fs.inotify.max_user_instances=8\n";

        assertThat(TuneFile.overriddenBy("/etc/sysctl.d/99-sysctl.conf", later, targets)).containsExactly(
                "/etc/sysctl.d/99-sysctl.conf:2: fs.inotify.max_user_instances = 1024",
                "/etc/sysctl.d/99-sysctl.conf:4: fs.inotify.max_user_instances = 8");
    }
}
