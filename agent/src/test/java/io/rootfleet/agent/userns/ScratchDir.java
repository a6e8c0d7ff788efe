package io.rootfleet.agent.userns;

import io.rootfleet.agent.host.SafeDelete;
import io.rootfleet.agent.sys.Kernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A temporary directory under /tmp for one test. Closing it unmounts whatever is mounted at or below it and
 * deletes it, never through a mount ({@link SafeDelete}).
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
        new SafeDelete(Kernel.get()).deleteTree(dir);
    }
}
