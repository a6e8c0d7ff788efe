package io.rootfleet.agent.stale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's files as a freshly mounted overlay's lowest layer shows them: lstat in the agent's read-only,
 * non-recursive bind of /. Each path is looked up once per scan, however many containers ask.
 */
final class HostRoot {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;

    /** One host entry. */
    record Entry(long inode, boolean directory) {}

    private final Path root;
    private final Map<String, Optional<Entry>> seen = new ConcurrentHashMap<>();

    HostRoot(Path root) {
        this.root = root;
    }

    /** The entry at an absolute path, not following a final symlink; empty when there is none. */
    Optional<Entry> lookup(String path) {
        return seen.computeIfAbsent(path, p -> {
            try {
                Map<String, Object> a = Files.readAttributes(root.resolve(p.substring(1)), "unix:ino,mode",
                        LinkOption.NOFOLLOW_LINKS);
                return Optional.of(new Entry((Long) a.get("ino"), ((Integer) a.get("mode") & S_IFMT) == S_IFDIR));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
