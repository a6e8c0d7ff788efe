package io.rootfleet.model;

import java.util.Objects;

/** A file the agent writes into the container's own layer, e.g. an application's configuration. */
public record FileSpec(AbsolutePath path, String content, int mode, int uid, int gid) {
    public static final int DEFAULT_MODE = 0644;

    public FileSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (path.isRoot()) {
            throw new IllegalArgumentException("a file cannot be written at '/'; give the file's full path");
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " is not a file mode like 0644");
        }
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must be 0 or more");
        }
    }

    /** Parses an octal mode as chmod does: {@code 644}, {@code 0644} or {@code 0o644}. */
    public static int parseMode(String text) {
        String t = text.startsWith("0o") ? text.substring(2) : text;
        if (!t.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("mode '" + MessageText.printable(text)
                    + "' is not an octal file mode like 0644 or 0755");
        }
        return Integer.parseInt(t, 8);
    }
}
