package io.rootfleet.agent.metrics;

import io.rootfleet.agent.sys.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * DIR/rootfleet.prom for node_exporter's textfile collector: written to a temporary file in the same directory
 * (named with a leading dot and no .prom ending, so the collector never reads it half written) and renamed over
 * the old one. 0644: node_exporter usually runs as its own user.
 */
public final class Textfile {
    public static final String NAME = "rootfleet.prom";
    private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r--r--");

    private Textfile() {}

    /** @return the file written */
    public static Path write(Path dir, String text) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(dir + " is not a directory; give node_exporter's"
                    + " --collector.textfile.directory (e.g. /var/lib/prometheus/node-exporter)");
        }
        Path file = dir.resolve(NAME);
        AtomicFiles.write(file, text, MODE);
        return file;
    }
}
