package io.rootfleet.agent.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The mounts of this process's namespace, read from {@code /proc/self/mountinfo}. This is the only reliable
 * way to see a bind mount of the same filesystem: its mount point reports the same st_dev as its parent.
 */
public record MountTable(List<MountEntry> entries) {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    public static MountTable read() {
        try {
            return parse(Files.readString(MOUNTINFO));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MOUNTINFO, e);
        }
    }

    public static MountTable parse(String mountinfo) {
        List<MountEntry> entries = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            // id parent major:minor root mount-point options [optional fields...] - fstype source super-options
            String[] f = line.split(" ");
            int separator = Arrays.asList(f).indexOf("-");
            entries.add(new MountEntry(
                    Integer.parseInt(f[0]),
                    Integer.parseInt(f[1]),
                    Path.of(unescape(f[4])),
                    List.of(f[5].split(",")),
                    f[separator + 1],
                    unescape(f[separator + 2])));
        }
        return new MountTable(List.copyOf(entries));
    }

    /** The topmost mount exactly at {@code path}, if any. */
    public Optional<MountEntry> at(Path path) {
        MountEntry top = null;
        for (MountEntry entry : entries) {
            if (entry.mountPoint().equals(path)) {
                top = entry; // later lines are mounted on top of earlier ones
            }
        }
        return Optional.ofNullable(top);
    }

    /** Every mount at or below {@code dir}, deepest first, so they can be unmounted in that order. */
    public List<MountEntry> atOrBelow(Path dir) {
        List<MountEntry> found = new ArrayList<>();
        for (MountEntry entry : entries) {
            if (entry.isAtOrBelow(dir)) {
                found.add(entry);
            }
        }
        found.sort(Comparator.comparingInt((MountEntry e) -> e.mountPoint().getNameCount())
                .thenComparingInt(MountEntry::id)
                .reversed());
        return found;
    }

    /** Undoes the octal escapes the kernel writes for space, tab, newline and backslash. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
