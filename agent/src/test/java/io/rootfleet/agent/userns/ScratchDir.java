package io.rootfleet.agent.userns;

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
import java.util.UUID;

/**
 * A temporary directory under /tmp for one test. Closing it unmounts whatever is mounted at or below it
 * (deepest first, detaching what is busy), checks that nothing is left mounted, and only then deletes it,
 * without following symlinks.
 */
final class ScratchDir implements AutoCloseable {
    final String id = UUID.randomUUID().toString().substring(0, 6);
    final Path dir;

    ScratchDir(String purpose) {
        dir = Path.of("/tmp", "rf-userns-" + purpose + "-" + id);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path mkdirs(String relative) {
        try {
            return Files.createDirectories(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (MountEntry m : MountTable.read().atOrBelow(dir)) {
            try {
                Kernel.get().unmount(m.mountPoint());
            } catch (Kernel.KernelException busy) {
                Kernel.get().unmountLazily(m.mountPoint());
            }
        }
        if (!MountTable.read().atOrBelow(dir).isEmpty()) {
            throw new IllegalStateException("mounts left below " + dir + "; not deleting it");
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
