package io.rootfleet.agent.stale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code /proc/PID/maps}: the distinct files a process maps. */
final class ProcMaps {
    private static final String DELETED = " (deleted)";

    private ProcMaps() {}

    /**
     * The files mapped, each once (a file is usually mapped in several ranges; it counts as executable when
     * one of them is), in the order maps lists them. Anonymous memory, kernel pseudo-entries ([heap], [stack],
     * [vdso]...), inode 0 and memfd files are left out.
     */
    static List<MappedFile> parse(String maps) {
        Map<String, MappedFile> distinct = new LinkedHashMap<>();
        for (String line : maps.split("\n")) {
            MappedFile file = parseLine(line);
            if (file != null) {
                distinct.merge(file.major() + ":" + file.minor() + ":" + file.inode() + ":" + file.path(), file,
                        (first, next) -> first.withExecutable(first.executable() || next.executable()));
            }
        }
        return new ArrayList<>(distinct.values());
    }

    /** One line, e.g. {@code 7f97..-7f97.. r--p 00000000 00:3b 339380    /usr/lib/x86_64-linux-gnu/libc.so.6}. */
    static MappedFile parseLine(String line) {
        // range perms offset dev inode [path]; the path is padded with spaces and may itself contain spaces
        String[] f = line.split(" +", 6);
        // a name that is not valid UTF-8 was decoded with replacement characters: it cannot be looked up again
        if (f.length < 6 || !f[5].startsWith("/") || f[5].startsWith("/memfd:") || f[5].indexOf('\uFFFD') >= 0) {
            return null;
        }
        String[] device = f[3].split(":");
        if (device.length != 2) {
            return null;
        }
        long inode;
        int major;
        int minor;
        try {
            inode = Long.parseUnsignedLong(f[4]);
            major = Integer.parseInt(device[0], 16);
            minor = Integer.parseInt(device[1], 16);
        } catch (NumberFormatException e) {
            return null;
        }
        if (inode == 0) {
            return null;
        }
        String path = f[5];
        boolean deleted = path.endsWith(DELETED);
        if (deleted) {
            path = path.substring(0, path.length() - DELETED.length());
        }
        // the kernel writes a newline in a file name as \012 so that one mapping stays one line
        boolean executable = f[1].length() > 2 && f[1].charAt(2) == 'x';
        return new MappedFile(path.replace("\\012", "\n"), major, minor, inode, f[0], deleted, executable);
    }
}
