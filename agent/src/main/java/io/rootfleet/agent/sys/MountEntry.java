package io.rootfleet.agent.sys;

import java.nio.file.Path;
import java.util.List;

/** One line of {@code /proc/self/mountinfo}. */
public record MountEntry(int id, int parentId, Path mountPoint, List<String> options, String fsType, String source) {

    public boolean readOnly() {
        return options.contains("ro");
    }

    /** True when this mount is at {@code dir} or anywhere below it. */
    public boolean isAtOrBelow(Path dir) {
        return mountPoint.startsWith(dir);
    }
}
