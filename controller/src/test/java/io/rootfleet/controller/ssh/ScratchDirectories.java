package io.rootfleet.controller.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/** Puts {@code @TempDir} directories under {@code /tmp/rf-ssh-*}, where this package's tests keep their files. */
public final class ScratchDirectories implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), "rf-ssh-test-");
    }
}
