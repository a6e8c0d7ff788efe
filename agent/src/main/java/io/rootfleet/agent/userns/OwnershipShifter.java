package io.rootfleet.agent.userns;

import io.rootfleet.agent.userns.LinuxCalls.Stat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Shifts the owners of every file in a directory tree (a stopped container's upper layer) by an {@link IdShift},
 * to turn a privileged container into an unprivileged one or back.
 *
 * <p>Safe against what the container may have left in its own layer: the walk goes from directory fds, opening
 * each entry with {@code O_PATH|O_NOFOLLOW}, so a symlink (to {@code /} or anywhere) is re-owned itself and
 * never followed, and no path is looked up twice. A mount point (whatever its filesystem, a bind of the same
 * one included) is recognised by its statx mount id, not st_dev, and skipped with all below it. All owners are
 * checked first: one outside both id blocks stops the shift before anything is changed.
 *
 * <p>chown clears setuid and setgid, so those bits are set again. Not handled (documented in
 * docs/unprivileged.md): uids and gids inside POSIX ACL entries, file capabilities ({@code security.capability},
 * which chown drops), and the covered directory under a mount point.
 */
public final class OwnershipShifter {
    private static final int SETID_BITS = 06000;

    /** What a shift did. */
    public record Result(long changed, long alreadyShifted, List<Path> skippedMountPoints) {}

    private final LinuxCalls calls = LinuxCalls.get();

    /**
     * Shifts the owners of {@code root} and everything below it on the same mount. {@code root} must be a real
     * directory path (not through a symlink the container controls: the agent's own path to the upper).
     */
    public Result shift(Path root, IdShift shift) {
        int rootFd = calls.open(root.toString(), LinuxCalls.O_PATH | LinuxCalls.O_DIRECTORY | LinuxCalls.O_NOFOLLOW
                | LinuxCalls.O_CLOEXEC, "open " + root + " (it must be a directory, not a symlink)");
        try {
            long mountId = calls.stat(rootFd, "stat " + root).mountId();
            Walk check = new Walk(shift, mountId, false);
            check.visit(rootFd, root);
            Walk apply = new Walk(shift, mountId, true);
            apply.visit(rootFd, root);
            return new Result(apply.changed, apply.already, List.copyOf(apply.skipped));
        } finally {
            calls.close(rootFd);
        }
    }

    /** One pass over the tree: checking every owner, or changing them. */
    private final class Walk {
        private final IdShift shift;
        private final long mountId;
        private final boolean change;
        private long changed;
        private long already;
        private final List<Path> skipped = new ArrayList<>();

        Walk(IdShift shift, long mountId, boolean change) {
            this.shift = shift;
            this.mountId = mountId;
            this.change = change;
        }

        void visit(int fd, Path path) {
            Stat st = calls.stat(fd, "stat " + path);
            if (st.mountId() != mountId) {
                skipped.add(path);
                return;
            }
            long uid = shift.apply(Integer.toUnsignedLong(st.uid()), "uid", path.toString());
            long gid = shift.apply(Integer.toUnsignedLong(st.gid()), "gid", path.toString());
            if (uid == Integer.toUnsignedLong(st.uid()) && gid == Integer.toUnsignedLong(st.gid())) {
                already++;
            } else if (change) {
                calls.chown(fd, (int) uid, (int) gid, "change the owner of " + path + " to " + uid + ":" + gid);
                if (!st.isSymlink() && (st.permissions() & SETID_BITS) != 0) {
                    calls.chmod(fd, st.permissions(), "restore the setuid/setgid bits of " + path);
                }
                changed++;
            }
            if (st.isDirectory()) {
                for (String name : list(fd, path)) {
                    int child = calls.openAt(fd, name, LinuxCalls.O_PATH | LinuxCalls.O_NOFOLLOW | LinuxCalls.O_CLOEXEC,
                            "open " + path.resolve(name));
                    try {
                        visit(child, path.resolve(name));
                    } finally {
                        calls.close(child);
                    }
                }
            }
        }

        /** The names in the directory {@code fd} is open on, read through its /proc link (that exact inode). */
        private List<String> list(int fd, Path path) {
            try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd/" + fd))) {
                return entries.map(p -> p.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
            }
        }
    }
}
