package io.rootfleet.agent.userns;

import io.rootfleet.agent.sys.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes sure root may map rootfleet's id pool: root's line in /etc/subuid and /etc/subgid, written once (temp
 * file, fsync, rename; the file's mode kept) and only when missing, after checking that no other user has ids
 * in the pool.
 */
public final class SubIdFiles {
    public static final Path SUBUID = Path.of("/etc/subuid");
    public static final Path SUBGID = Path.of("/etc/subgid");
    private static final Set<PosixFilePermission> NEW_FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path subuid;
    private final Path subgid;

    public SubIdFiles(Path subuid, Path subgid) {
        this.subuid = subuid;
        this.subgid = subgid;
    }

    public static SubIdFiles system() {
        return new SubIdFiles(SUBUID, SUBGID);
    }

    /**
     * Checks both files, then adds root's line to those that lack it. Nothing is written unless both files are
     * fine. Returns the files changed.
     */
    public List<Path> ensureRootMaps(IdRange pool) {
        SubIdFile uids = read(subuid);
        SubIdFile gids = read(subgid);
        var uidLine = uids.missingLine("root", 0, pool);
        var gidLine = gids.missingLine("root", 0, pool);
        List<Path> changed = new ArrayList<>();
        uidLine.ifPresent(line -> {
            write(subuid, uids.withLine(line));
            changed.add(subuid);
        });
        gidLine.ifPresent(line -> {
            write(subgid, gids.withLine(line));
            changed.add(subgid);
        });
        return List.copyOf(changed);
    }

    /** The ranges both files give to users other than root: what the allocator keeps away from. */
    public List<IdRange> rangesOfOthers() {
        List<IdRange> others = new ArrayList<>(read(subuid).rangesOfOthers("root", 0));
        others.addAll(read(subgid).rangesOfOthers("root", 0));
        return List.copyOf(others);
    }

    private static SubIdFile read(Path file) {
        try {
            return SubIdFile.parse(file.toString(), Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.readString(file) : "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Set<PosixFilePermission> mode = Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    ? Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    : NEW_FILE_MODE;
            AtomicFiles.write(file, text, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mode of " + file + ": " + e.getMessage(), e);
        }
    }
}
