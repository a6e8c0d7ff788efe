package io.rootfleet.agent.host;

import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.MountEntry;
import io.rootfleet.agent.sys.MountTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The only way this project deletes a directory tree. A bind mount of the host's / may sit anywhere below
 * a container's directory, and st_dev does not reveal a bind of the same filesystem, so: unmount
 * everything at or below the target (per /proc/self/mountinfo, stacked mounts included), refuse if any
 * mount remains, and never descend into a directory that is a mount point.
 */
public final class SafeDelete {
    private static final int MAX_UNMOUNT_ROUNDS = 16;

    private final Kernel kernel;

    public SafeDelete(Kernel kernel) {
        this.kernel = kernel;
    }

    public void deleteTree(Path target) {
        Path dir = realParent(target);
        if (dir.getNameCount() < 2) {
            throw new IllegalArgumentException("refusing to delete " + dir + ": too close to /");
        }
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        unmountAllBelow(dir);
        Set<Path> mountPoints = MountTable.read().entries().stream()
                .map(MountEntry::mountPoint)
                .collect(Collectors.toSet());
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (mountPoints.contains(d)) {
                        throw new MountPointFoundException(d);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Unmounts every mount at or below {@code dir}, deepest first; fails if any survives. */
    public void unmountAllBelow(Path target) {
        Path dir = realParent(target);
        for (int round = 0; round < MAX_UNMOUNT_ROUNDS; round++) {
            List<MountEntry> mounts = MountTable.read().atOrBelow(dir);
            if (mounts.isEmpty()) {
                return;
            }
            for (MountEntry mount : mounts) {
                try {
                    kernel.unmount(mount.mountPoint());
                } catch (Kernel.KernelException busy) {
                    kernel.unmountLazily(mount.mountPoint());
                }
            }
        }
        List<MountEntry> left = MountTable.read().atOrBelow(dir);
        if (!left.isEmpty()) {
            throw new MountPointFoundException(left.get(0).mountPoint());
        }
    }

    /**
     * {@code target} with its parent resolved to the real path: mountinfo lists mount points by real path, so
     * below a symlinked directory no mount would be recognised. The last component stays as it is (a symlink
     * there is deleted, never followed).
     */
    static Path realParent(Path target) {
        Path path = target.toAbsolutePath().normalize();
        Path parent = path.getParent();
        if (parent == null) {
            return path;
        }
        return AgentHome.realPath(parent).resolve(path.getFileName());
    }

    /** A mount point where a delete was about to go. Nothing below it was touched. */
    public static final class MountPointFoundException extends RuntimeException {
        MountPointFoundException(Path mountPoint) {
            super("refusing to delete: " + mountPoint + " is a mount point; unmount it (umount " + mountPoint
                    + ") and try again");
        }
    }
}
