package io.rootfleet.agent.stale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the scan reads of {@code /proc}. Processes exit at any moment: every read of one process returns
 * empty when it is gone, and the caller goes on without it.
 */
final class ProcFs {
    /** USER_HZ, the unit of the times in /proc/PID/stat: 100 on every architecture, whatever the kernel's HZ. */
    private static final long TICKS_PER_SECOND = 100;

    private final Path root;
    private volatile Long bootSeconds;

    ProcFs(Path root) {
        this.root = root;
    }

    /** A device number split the way /proc/PID/maps prints it. */
    record Device(int major, int minor) {
        /** Splits a {@code st_dev} as glibc's major() and minor() do. */
        static Device of(long dev) {
            return new Device((int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL)),
                    (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL)));
        }
    }

    /**
     * The processes in each of the given PID namespaces, in one pass over /proc, sorted by PID. A process in a
     * namespace nested inside one of them (a container inside a container) is in neither and not found.
     */
    Map<String, List<Integer>> processesIn(Set<String> namespaces) {
        Map<String, List<Integer>> found = new HashMap<>();
        if (namespaces.isEmpty()) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!isPid(name)) {
                    continue;
                }
                int pid = Integer.parseInt(name);
                pidNamespace(pid).filter(namespaces::contains)
                        .ifPresent(ns -> found.computeIfAbsent(ns, k -> new ArrayList<>()).add(pid));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        found.values().forEach(pids -> pids.sort(null));
        return found;
    }

    private static boolean isPid(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The PID namespace of a process, e.g. {@code pid:[4026532328]}. */
    Optional<String> pidNamespace(int pid) {
        try {
            return Optional.of(Files.readSymbolicLink(process(pid).resolve("ns/pid")).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Optional<String> maps(int pid) {
        return read(process(pid).resolve("maps"));
    }

    /** The command name (comm), at most 15 characters. */
    Optional<String> command(int pid) {
        return read(process(pid).resolve("comm")).map(String::strip);
    }

    /** When the process was created, to the boot clock's precision (a second). */
    Optional<Instant> startTime(int pid) {
        Optional<Long> ticks = read(process(pid).resolve("stat")).map(ProcFs::startTicks);
        if (ticks.isEmpty()) {
            return Optional.empty();
        }
        long millis = bootSeconds() * 1000 + ticks.get() * 1000 / TICKS_PER_SECOND;
        return Optional.of(Instant.ofEpochMilli(millis));
    }

    /** The device of the process's root directory: for a container's init, its overlay. */
    Optional<Device> rootDevice(int pid) {
        try {
            return Optional.of(Device.of((Long) Files.getAttribute(process(pid).resolve("root"), "unix:dev")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The link count of the file a process maps at {@code range}, following its map_files entry to the
     * file itself: 0 once that file was deleted or replaced by a rename.
     */
    OptionalLong mappedLinks(int pid, String range) {
        try {
            return OptionalLong.of(((Number) Files.getAttribute(process(pid).resolve("map_files").resolve(range),
                    "unix:nlink")).longValue());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** Field 22 (starttime, clock ticks after boot) of /proc/PID/stat; the command in field 2 may hold spaces and ')'. */
    static long startTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[19]);
    }

    /** The {@code btime} line of /proc/stat: the boot time in seconds since the epoch. */
    static long bootTime(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("btime ")) {
                return Long.parseLong(line.substring(6).strip());
            }
        }
        throw new IllegalStateException("no btime line in /proc/stat");
    }

    private long bootSeconds() {
        if (bootSeconds == null) {
            Path stat = root.resolve("stat");
            bootSeconds = bootTime(read(stat).orElseThrow(() -> new IllegalStateException("cannot read " + stat)));
        }
        return bootSeconds;
    }

    private Path process(int pid) {
        return root.resolve(Integer.toString(pid));
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
