package io.rootfleet.agent.hook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's table of file locks, /proc/locks: which files some process holds a lock on, whatever the
 * kind (fcntl, flock, open file description, lease). Reading it never takes or disturbs a lock, which is
 * why the hook uses it to see whether apt or dpkg is still running instead of trying their locks.
 *
 * <pre>
 * 1: POSIX  ADVISORY  WRITE 8584 fe:00:402117 0 EOF
 * 2: FLOCK  ADVISORY  WRITE 8600 00:1a:4711 0 EOF
 * 2: -> FLOCK  ADVISORY  WRITE 8601 00:1a:4711 0 EOF     (a process waiting for that lock: holds nothing)
 * </pre>
 */
public record ProcLocks(List<Held> held) {
    public static final Path FILE = Path.of("/proc/locks");

    /** A lock some process holds; {@code pid} is -1 for open file description locks, which have no owner PID. */
    public record Held(FileId file, int pid, String kind) {}

    public ProcLocks {
        held = List.copyOf(held);
    }

    public static ProcLocks read() {
        try {
            return parse(Files.readString(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE + ": " + e.getMessage(), e);
        }
    }

    /** Parses the table; lines it does not understand (a lock on a file with no inode, "<none>") are skipped. */
    public static ProcLocks parse(String text) {
        List<Held> held = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].endsWith(":") || f[1].equals("->")) {
                continue; // blank, or a process blocked waiting for the lock
            }
            // ID: KIND MODE TYPE PID MAJOR:MINOR:INODE START END
            if (f.length < 6 || f[3].equals("UNLCK")) {
                continue;
            }
            FileId file = parseFile(f[5]);
            if (file != null && f[4].matches("-?\\d+")) {
                held.add(new Held(file, Integer.parseInt(f[4]), f[1]));
            }
        }
        return new ProcLocks(held);
    }

    private static FileId parseFile(String field) {
        String[] parts = field.split(":");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new FileId(Integer.parseInt(parts[0], 16), Integer.parseInt(parts[1], 16), Long.parseUnsignedLong(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when some process holds a lock on {@code file}. */
    public boolean isLocked(FileId file) {
        return held.stream().anyMatch(h -> h.file().equals(file));
    }
}
