package io.rootfleet.controller.ssh;

import com.jcraft.jsch.HostKeyRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * known_hosts files parsed once and shared by every connection of a client, instead of once per connection
 * (with 100 hosts pinned in one file, that was 100 parses of 100 lines). A file is parsed again when its size
 * or modification time changes, e.g. after trust on first use added a key.
 */
final class KnownHostsFiles {
    private record Parsed(long size, FileTime modified, HostKeyRepository keys) {}

    private final Map<Path, Parsed> files = new ConcurrentHashMap<>();

    /** The keys pinned in {@code file} (none when it does not exist). */
    HostKeyRepository keys(Path file) {
        long size = -1;
        FileTime modified = FileTime.fromMillis(0);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            size = attributes.size();
            modified = attributes.lastModifiedTime();
        } catch (IOException e) {
            // a missing file pins nothing; KnownHostsVerifier.parse says why an unreadable one is refused
        }
        long currentSize = size;
        FileTime currentModified = modified;
        // compute, not get-then-put: the hosts of a run connect at once, and only the first should parse
        return files.compute(file, (path, parsed) -> parsed != null && parsed.size() == currentSize
                && parsed.modified().equals(currentModified) ? parsed
                : new Parsed(currentSize, currentModified, KnownHostsVerifier.parse(path))).keys();
    }
}
