package io.rootfleet.agent.userns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * A system file exactly as it was (bytes, mode, owner, modification time; or that it did not exist), to put
 * back: what the tests that need root's line in the real /etc/subuid and /etc/subgid (LXC's newuidmap reads only
 * those) use to leave the host as they found it.
 */
public record SavedFile(Path path, Optional<Saved> saved) {

    /** What was there. */
    public record Saved(byte[] content, Set<PosixFilePermission> mode, int uid, int gid, FileTime mtime) {}

    public static SavedFile save(Path path) {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return new SavedFile(path, Optional.empty());
            }
            return new SavedFile(path, Optional.of(new Saved(Files.readAllBytes(path),
                    Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS),
                    (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                    (Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS),
                    Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + path + ": " + e.getMessage(), e);
        }
    }

    /** Puts the file back as it was, unless it is unchanged (then it is not touched at all). */
    public void restore() {
        try {
            if (saved.isEmpty()) {
                Files.deleteIfExists(path);
                return;
            }
            Saved s = saved.get();
            if (unchanged(s)) {
                return;
            }
            Files.write(path, s.content());
            Files.setPosixFilePermissions(path, s.mode());
            Files.setAttribute(path, "unix:uid", s.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", s.gid(), LinkOption.NOFOLLOW_LINKS);
            Files.setLastModifiedTime(path, s.mtime());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + path + ": " + e.getMessage(), e);
        }
    }

    /** True when the file is exactly as saved. */
    public boolean unchanged() {
        return saved.map(this::unchanged).orElseGet(() -> !Files.exists(path, LinkOption.NOFOLLOW_LINKS));
    }

    private boolean unchanged(Saved s) {
        SavedFile now = save(path);
        return now.saved().map(n -> Arrays.equals(n.content(), s.content()) && n.mode().equals(s.mode()) && n.uid() == s.uid()
                && n.gid() == s.gid() && n.mtime().equals(s.mtime())).orElse(false);
    }
}
