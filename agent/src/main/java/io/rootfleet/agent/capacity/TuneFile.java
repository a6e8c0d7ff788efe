package io.rootfleet.agent.capacity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The production kernel limits for a host of containers and the agent's own sysctl.d file that keeps them
 * (pure). The values are LXD's production settings, which hold thousands of system containers, with
 * {@code kernel.pid_max} at the kernel's maximum (systemd sets that on 64-bit hosts it boots; a host whose init
 * is not systemd keeps 32768). A value the host already has above them is kept, never lowered.
 */
public final class TuneFile {
    public static final String NAME = "60-rootfleet.conf";
    static final String MARKER = "# Written by rootfleet-agent tune";

    /** Sysctl -> production value, in the order the file lists them. */
    public static final Map<Sysctl, Long> PRODUCTION = production();

    private TuneFile() {}

    private static Map<Sysctl, Long> production() {
        Map<Sysctl, Long> values = new LinkedHashMap<>();
        values.put(Sysctl.INOTIFY_INSTANCES, 1_048_576L);
        values.put(Sysctl.INOTIFY_WATCHES, 1_048_576L);
        values.put(Sysctl.INOTIFY_QUEUED_EVENTS, 1_048_576L);
        values.put(Sysctl.PID_MAX, CapacityModel.PID_MAX_LIMIT);
        values.put(Sysctl.KEYS_MAXKEYS, 2_000L);
        values.put(Sysctl.KEYS_MAXBYTES, 2_000_000L);
        values.put(Sysctl.MAX_MAP_COUNT, 262_144L);
        values.put(Sysctl.NEIGH4_GC_THRESH3, 8_192L);
        values.put(Sysctl.NEIGH6_GC_THRESH3, 8_192L);
        values.put(Sysctl.AIO_MAX_NR, 524_288L);
        return java.util.Collections.unmodifiableMap(values);
    }

    /**
     * The values to set: each production value, or the host's current one where that is higher. Sysctls the
     * host does not have (absent from {@code current}) are left out.
     */
    public static SortedMap<Sysctl, Long> targets(Map<Sysctl, Long> current) {
        SortedMap<Sysctl, Long> targets = new TreeMap<>();
        PRODUCTION.forEach((sysctl, value) -> {
            Long now = current.get(sysctl);
            if (now != null) {
                targets.put(sysctl, Math.max(now, value));
            }
        });
        return targets;
    }

    /** The file's text: the marker, what it is for, one {@code key = value} line per target. */
    public static String render(SortedMap<Sysctl, Long> targets) {
        StringBuilder text = new StringBuilder();
        text.append(MARKER).append(": kernel limits for a host of many containers (rewritten by it; a value\n");
        text.append("# the host had above these is kept). See rootfleet's README, \"Host capacity\".\n");
        targets.forEach((sysctl, value) -> text.append(sysctl).append(" = ").append(value).append('\n'));
        return text.toString();
    }

    /** Whether a file of that name was written by rootfleet-agent tune (it may then be rewritten). */
    public static boolean ours(String text) {
        return text.startsWith(MARKER);
    }

    /**
     * Settings of another sysctl.d file read after this one at boot (sysctl reads the files in name order,
     * the last value wins) that set one of the targets lower: {@code file:line: key = value}.
     */
    public static List<String> overriddenBy(String fileName, String text, SortedMap<Sysctl, Long> targets) {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#") || line.startsWith(";") || !line.contains("=")) {
                continue;
            }
            String key = line.substring(0, line.indexOf('=')).strip().replace('/', '.');
            if (key.startsWith("-")) {
                key = key.substring(1);
            }
            String value = line.substring(line.indexOf('=') + 1).strip();
            for (Map.Entry<Sysctl, Long> target : targets.entrySet()) {
                if (target.getKey().key().equals(key) && value.matches("\\d+") && Long.parseLong(value) < target.getValue()) {
                    found.add(fileName + ":" + (i + 1) + ": " + key + " = " + value);
                }
            }
        }
        return found;
    }
}
