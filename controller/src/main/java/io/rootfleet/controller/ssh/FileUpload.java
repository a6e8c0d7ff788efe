package io.rootfleet.controller.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file for {@link RemoteHost#upload(java.util.List)} to install: the local file, the absolute path it gets on
 * the host, and its permission bits (e.g. {@code 0755}).
 */
public record FileUpload(Path local, String remotePath, int mode) {
    public FileUpload {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remotePath, "remotePath");
    }
}
