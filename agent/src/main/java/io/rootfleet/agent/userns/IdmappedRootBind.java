package io.rootfleet.agent.userns;

import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.MountEntry;
import io.rootfleet.agent.sys.MountTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A read-only, non-recursive, private bind of the host's {@code /} whose ids are shifted by an {@link IdRange}:
 * through it, a file the host's root owns is owned by the range's base. It is the lower layer of the overlay
 * of every container that uses that range, so the container (whose root is that base) sees the host's files
 * as its own root's, and can change none of them.
 *
 * <p>Made with the new mount API, the only way to idmap a mount: {@code open_tree(OPEN_TREE_CLONE)} of {@code /}
 * alone (no AT_RECURSIVE: the mounts below {@code /} are not part of the shared root), {@code mount_setattr}
 * with the idmap and read-only, nosuid, nodev, then {@code move_mount} onto the target and MS_PRIVATE.
 * Overlayfs accepts such a lower layer (Linux 5.19 and later): nosuid and nodev on the lower do not change
 * what the container may do, since overlayfs checks its own mount's flags when a file is executed or opened.
 */
public final class IdmappedRootBind {
    /** The per-mount options /proc/self/mountinfo must show for an idmapped root bind. */
    static final List<String> REQUIRED_OPTIONS = List.of("ro", "nosuid", "nodev", "idmapped");

    private final Kernel kernel;

    public IdmappedRootBind(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Mounts the idmapped bind of / at {@code target}, an existing empty directory that is not a mount point. */
    public void mount(Path target, IdRange range) {
        if (MountTable.read().at(target).isPresent()) {
            throw new IllegalStateException(target + " is already a mount point; unmount it before binding / there");
        }
        requireEmptyDirectory(target);
        LinuxCalls calls = LinuxCalls.get(); // binds libc: not at construction, which every agent run makes
        try (MappedUserNamespace userns = MappedUserNamespace.create(range)) {
            int tree = calls.openTree("/", LinuxCalls.OPEN_TREE_CLONE | LinuxCalls.OPEN_TREE_CLOEXEC,
                    "clone the mount of / (open_tree)");
            try {
                calls.mountSetattr(tree,
                        LinuxCalls.MOUNT_ATTR_IDMAP | LinuxCalls.MOUNT_ATTR_RDONLY | LinuxCalls.MOUNT_ATTR_NOSUID
                                | LinuxCalls.MOUNT_ATTR_NODEV,
                        0, 0, userns.fd(),
                        "idmap the clone of / to host ids " + range + " (mount_setattr; needs Linux 5.12 and a "
                                + "filesystem that supports idmapped mounts)");
                calls.moveMount(tree, target.toString(), "attach the idmapped clone of / at " + target + " (move_mount)");
            } finally {
                calls.close(tree);
            }
        }
        try {
            kernel.makePrivate(target);
            check(target, range);
        } catch (RuntimeException e) {
            kernel.unmount(target); // never leave a bind that failed its check where a container could use it
            throw e;
        }
    }

    /**
     * Throws unless {@code target} is a read-only, nosuid, nodev, idmapped mount of / whose root directory the
     * host sees as owned by the range's base: the check that the right range was applied, since mountinfo does
     * not show it.
     */
    public MountEntry check(Path target, IdRange range) {
        MountEntry entry = MountTable.read().at(target)
                .orElseThrow(() -> new IllegalStateException("nothing is mounted at " + target));
        List<String> missing = REQUIRED_OPTIONS.stream().filter(o -> !entry.options().contains(o)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the mount at " + target + " lacks " + String.join(", ", missing)
                    + " (it has " + String.join(",", entry.options()) + "); refusing to use it as a shared root");
        }
        long[] owner = owner(target);
        if (owner[0] != range.hostBase() || owner[1] != range.hostBase()) {
            throw new IllegalStateException("the idmapped root at " + target + " shows / as owned by " + owner[0] + ":"
                    + owner[1] + ", not by the range's base " + range.hostBase() + "; it maps another range");
        }
        return entry;
    }

    /** True when something is mounted at {@code target}. */
    public boolean mounted(Path target) {
        return MountTable.read().at(target).isPresent();
    }

    /** Unmounts the bind at {@code target} (only that mount: nothing below it is ever mounted by us). */
    public void unmount(Path target) {
        Optional<MountEntry> entry = MountTable.read().at(target);
        if (entry.isEmpty()) {
            return;
        }
        kernel.unmount(target);
        if (MountTable.read().at(target).isPresent()) {
            throw new IllegalStateException(target + " is still a mount point after unmounting it (stacked mounts?)");
        }
    }

    private static long[] owner(Path path) {
        try {
            return new long[] {
                Integer.toUnsignedLong((Integer) Files.getAttribute(path, "unix:uid")),
                Integer.toUnsignedLong((Integer) Files.getAttribute(path, "unix:gid"))
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + path + ": " + e.getMessage(), e);
        }
    }

    private static void requireEmptyDirectory(Path target) {
        try (var entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException(target + " is not empty; an idmapped root is only mounted on an empty directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target + " (it must be an existing empty directory): "
                    + e.getMessage(), e);
        }
    }
}
