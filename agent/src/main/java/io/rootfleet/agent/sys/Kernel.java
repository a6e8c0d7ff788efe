package io.rootfleet.agent.sys;

import java.nio.file.Path;

/** The system calls the agent needs that Java lacks: mounts, whiteouts, overlay xattrs and ownership. */
public interface Kernel {

    /** This host's kernel, through libc. */
    static Kernel get() {
        return LibcKernel.INSTANCE;
    }

    boolean isRoot();

    /** Binds {@code source} at {@code target} (not recursively) and makes that mount read-only. */
    void bindReadOnly(Path source, Path target);

    void remountReadOnly(Path target);

    /** Keeps mounts made under {@code target} from propagating to other mount namespaces, and back. */
    void makePrivate(Path target);

    void mountTmpfs(Path target, String options);

    void unmount(Path target);

    /** Detaches a busy mount: it disappears from the tree now and is freed when its last user goes. */
    void unmountLazily(Path target);

    /** Creates an overlayfs whiteout (a 0/0 character device): the file below it is not shown. */
    void whiteout(Path path);

    /** Marks a directory of an overlay layer opaque: what the layers below have there is not shown. */
    void markOpaque(Path dir);

    /**
     * Marks a directory opaque for an overlay mounted in a user namespace with {@code userxattr}, which reads
     * {@code user.overlay.opaque} instead of the trusted one (tmpfs has user xattrs from Linux 6.6).
     */
    void markOpaqueForUserNamespace(Path dir);

    void lchown(Path path, int uid, int gid);

    void chmod(Path path, int mode);

    /** The disk space a file or directory takes (lstat(2)'s blocks: a final symlink is not followed). */
    long allocatedBytes(Path path);

    /** A failed system call, with its errno. */
    final class KernelException extends RuntimeException {
        private final int errno;

        public KernelException(String message, int errno) {
            super(message);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }

        /** ENOTDIR: a path component is not a directory (with O_NOFOLLOW, also a symbolic link). */
        public boolean notADirectory() {
            return errno == jnr.constants.platform.Errno.ENOTDIR.intValue();
        }

        /** ENOENT: no such file or directory. */
        public boolean noSuchFile() {
            return errno == jnr.constants.platform.Errno.ENOENT.intValue();
        }
    }
}
