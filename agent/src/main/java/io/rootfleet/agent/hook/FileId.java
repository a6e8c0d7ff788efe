package io.rootfleet.agent.hook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file as the kernel names it in /proc/locks: the device of its filesystem and its inode number. */
public record FileId(int major, int minor, long inode) {

    /** The id of the file at {@code path} (following symlinks), from its st_dev and st_ino. */
    public static FileId of(Path path) throws IOException {
        long dev = (Long) Files.getAttribute(path, "unix:dev");
        long ino = (Long) Files.getAttribute(path, "unix:ino");
        return fromDev(dev, ino);
    }

    /** Splits a dev_t the way glibc's major()/minor() do (12-bit major, 20-bit minor, split across the word). */
    static FileId fromDev(long dev, long inode) {
        int major = (int) (((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L));
        int minor = (int) ((dev & 0xffL) | ((dev >>> 12) & 0xffffff00L));
        return new FileId(major, minor, inode);
    }

    @Override
    public String toString() {
        return String.format("%02x:%02x:%d", major, minor, inode);
    }
}
