package io.rootfleet.agent.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The agent home is root's alone: the directory 0700 and every file the agent keeps directly in it (desired
 * state, logs, locks) 0600. The desired state may hold secrets (env values), and a lock file others can open
 * lets any local user take a shared lock and block apply, restart and the apt hook.
 *
 * <p>Modes are set explicitly after creation, so the umask cannot loosen them; a home that exists with looser
 * modes (an older agent made it 0755 and its files 0644) is tightened.
 */
public final class PrivateHome {
    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    /**
     * A home directory an unprivileged container's root must pass through to reach its layers: others may
     * traverse it, never list it (LXC mounts the overlay as the container's root, uid BASE on the host).
     */
    public static final Set<PosixFilePermission> TRAVERSABLE_MODE = PosixFilePermissions.fromString("rwx--x--x");

    private PrivateHome() {}

    /** Creates {@code dir} (and its missing parents) 0700, or tightens it; then tightens the files in it. */
    public static void ensure(Path dir) {
        try {
            ensureDirectory(dir);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    PosixFileAttributes attrs = Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attrs.isRegularFile() && !FILE_MODE.containsAll(attrs.permissions())) {
                        Files.setPosixFilePermissions(entry, FILE_MODE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the agent home " + dir + " private: " + e.getMessage(), e);
        }
    }

    /** Creates {@code dir} 0700 if missing, or removes group and other access from it; refuses a symlink. */
    public static void ensureDirectory(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            Files.setPosixFilePermissions(dir, DIRECTORY_MODE); // the umask may have taken bits off; set exactly
            return;
        }
        PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isDirectory()) {
            throw new IOException(dir + " is not a directory (a symlink or file); the agent keeps its state only in a"
                    + " directory of its own");
        }
        if (!DIRECTORY_MODE.containsAll(attrs.permissions()) && !attrs.permissions().equals(TRAVERSABLE_MODE)) {
            Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
        }
    }

    /** Lets others traverse {@code dir} (0711: not list it, not read what is in it); see {@link #TRAVERSABLE_MODE}. */
    public static void allowTraversal(Path dir) throws IOException {
        if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(TRAVERSABLE_MODE)) {
            Files.setPosixFilePermissions(dir, TRAVERSABLE_MODE);
        }
    }
}
