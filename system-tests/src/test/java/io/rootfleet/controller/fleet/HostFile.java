package io.rootfleet.controller.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Test files on the host's own root, where containers see them through their lower layer: a directory
 * {@code /usr/local/lib/rf-it-ID} of this test (never a real system file), and the replacement of a file the
 * way dpkg does it (a new file beside it, renamed over it: a new inode at the same path). The simulated hosts
 * share this machine's root, so a file replaced once is replaced on every host.
 */
final class HostFile {
    private HostFile() {}

    /** Creates {@code /usr/local/lib/rf-it-ID}; {@link #delete(Path)} removes it. */
    static Path directory(String id) {
        try {
            return Files.createDirectories(Path.of("/usr/local/lib", "rf-it-" + id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code source} to {@code target}, executable. */
    static Path copy(Path source, Path target) {
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an executable script at {@code target}, dpkg-style when it exists. */
    static Path script(Path target, String text) {
        try {
            Path fresh = target.resolveSibling(target.getFileName() + ".dpkg-new");
            Files.writeString(fresh, text);
            Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwxr-xr-x"));
            return Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code file} with a copy of itself as dpkg unpacks a package: same content, a new inode. */
    static void replace(Path file) {
        try {
            Path fresh = file.resolveSibling(file.getFileName() + ".dpkg-new");
            Files.copy(file, fresh, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object inode(Path file) {
        try {
            return Files.getAttribute(file, "unix:ino");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the directory and what is in it (it holds no mount: the agent's delete checks that anyway). */
    static void delete(Path directory) {
        if (directory != null && Files.exists(directory)) {
            AgentHomes.deleteTree(directory);
        }
    }
}
