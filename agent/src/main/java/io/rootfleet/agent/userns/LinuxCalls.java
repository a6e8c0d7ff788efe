package io.rootfleet.agent.userns;

import io.rootfleet.agent.sys.NativeLibc;
import jnr.constants.platform.Errno;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

/**
 * The system calls behind idmapped mounts and fd-relative ownership changes, bound to libc. The new mount API
 * ({@code open_tree}, {@code mount_setattr}, {@code move_mount}) goes through {@code syscall(2)} by number
 * because glibc only wraps it from 2.36 on; the numbers are the x86_64 ones (the only architecture the agent
 * is built and tested on), and {@link #requireX86_64()} refuses any other.
 */
final class LinuxCalls {
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int AT_RECURSIVE = 0x8000;
    static final int O_RDONLY = 0;
    static final int O_DIRECTORY = 0200000;
    static final int O_NOFOLLOW = 0400000;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;
    static final int OPEN_TREE_CLONE = 1;
    static final int OPEN_TREE_CLOEXEC = O_CLOEXEC;
    static final int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    static final long MOUNT_ATTR_RDONLY = 0x1;
    static final long MOUNT_ATTR_NOSUID = 0x2;
    static final long MOUNT_ATTR_NODEV = 0x4;
    static final long MOUNT_ATTR_IDMAP = 0x100000;
    static final int STATX_BASIC_STATS = 0x7ff;
    static final int STATX_MNT_ID = 0x1000;

    private static final long SYS_OPEN_TREE = 428;
    private static final long SYS_MOVE_MOUNT = 429;
    private static final long SYS_MOUNT_SETATTR = 442;
    /** struct mount_attr: u64 attr_set, attr_clr, propagation, userns_fd (MOUNT_ATTR_SIZE_VER0). */
    private static final int MOUNT_ATTR_SIZE = 32;
    /** struct statx is 256 bytes; the offsets below are from include/uapi/linux/stat.h. */
    private static final int STATX_SIZE = 256;

    /** The libc entry points used; each returns -1 with errno set on failure. */
    public interface LibC {
        long syscall(long number, int dirfd, @In String path, int flags);

        long syscall(long number, int dirfd, @In String path, int flags, @In Pointer attr, long size);

        long syscall(long number, int fromDirfd, @In String fromPath, int toDirfd, @In String toPath, int flags);

        int open(@In String path, int flags);

        int openat(int dirfd, @In String path, int flags);

        int close(int fd);

        int statx(int dirfd, @In String path, int flags, int mask, @Out Pointer buffer);

        int fchownat(int dirfd, @In String path, int uid, int gid, int flags);

        int chmod(@In String path, int mode);
    }

    /** What statx(2) says about one inode. */
    record Stat(int uid, int gid, int mode, long inode, long mountId, int links) {
        static final int S_IFMT = 0170000;
        static final int S_IFDIR = 0040000;
        static final int S_IFLNK = 0120000;

        boolean isDirectory() {
            return (mode & S_IFMT) == S_IFDIR;
        }

        boolean isSymlink() {
            return (mode & S_IFMT) == S_IFLNK;
        }

        int permissions() {
            return mode & 07777;
        }
    }

    private static final LinuxCalls INSTANCE = new LinuxCalls();

    private final LibC libc;
    private final Runtime runtime;

    private LinuxCalls() {
        this.libc = NativeLibc.load(LibC.class);
        this.runtime = Runtime.getRuntime(libc);
    }

    static LinuxCalls get() {
        requireX86_64();
        return INSTANCE;
    }

    static void requireX86_64() {
        String arch = System.getProperty("os.arch");
        if (!"amd64".equals(arch) && !"x86_64".equals(arch)) {
            throw new UnsupportedOperationException("idmapped mounts are implemented for x86_64 only (system call "
                    + "numbers), this JVM runs on " + arch);
        }
    }

    /** open_tree(2): a detached copy of the mount at {@code path}, or of its whole subtree with AT_RECURSIVE. */
    int openTree(String path, int flags, String what) {
        return (int) check(libc.syscall(SYS_OPEN_TREE, AT_FDCWD, path, flags), what);
    }

    /** mount_setattr(2) on a detached mount fd. */
    void mountSetattr(int fd, long attrSet, long attrClr, long propagation, int usernsFd, String what) {
        Pointer attr = Memory.allocateDirect(runtime, MOUNT_ATTR_SIZE, true);
        attr.putLong(0, attrSet);
        attr.putLong(8, attrClr);
        attr.putLong(16, propagation);
        attr.putLong(24, usernsFd);
        check(libc.syscall(SYS_MOUNT_SETATTR, fd, "", AT_EMPTY_PATH, attr, MOUNT_ATTR_SIZE), what);
    }

    /** move_mount(2) of a detached mount fd onto {@code target}. */
    void moveMount(int fd, String target, String what) {
        check(libc.syscall(SYS_MOVE_MOUNT, fd, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH), what);
    }

    int open(String path, int flags, String what) {
        return (int) check(libc.open(path, flags), what);
    }

    int openAt(int dirfd, String name, int flags, String what) {
        return (int) check(libc.openat(dirfd, name, flags), what);
    }

    void close(int fd) {
        libc.close(fd);
    }

    /** statx(2) of the inode an O_PATH (or any) fd refers to, never following a symlink. */
    Stat stat(int fd, String what) {
        Pointer buffer = Memory.allocateDirect(runtime, STATX_SIZE, true);
        check(libc.statx(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_MNT_ID, buffer), what);
        if ((buffer.getInt(0) & STATX_MNT_ID) == 0) {
            throw new UnsupportedOperationException("the kernel gives no mount id in statx (needs Linux 5.8)");
        }
        return new Stat(buffer.getInt(20), buffer.getInt(24), buffer.getShort(28) & 0xffff, buffer.getLong(32),
                buffer.getLong(144), buffer.getInt(16));
    }

    /** Changes the owner of the inode {@code fd} refers to (the link itself for an O_PATH fd of a symlink). */
    void chown(int fd, int uid, int gid, String what) {
        check(libc.fchownat(fd, "", uid, gid, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW), what);
    }

    /** chmod through the fd's /proc magic link: the exact inode, never a path looked up again. */
    void chmod(int fd, int mode, String what) {
        check(libc.chmod("/proc/self/fd/" + fd, mode), what);
    }

    private long check(long result, String what) {
        if (result < 0) {
            int errno = runtime.getLastError();
            throw new SyscallException(what, errno);
        }
        return result;
    }

    /** A failed system call: what was attempted and the kernel's errno, in words. */
    static final class SyscallException extends RuntimeException {
        private final int errno;

        SyscallException(String what, int errno) {
            super("cannot " + what + ": " + describe(errno));
            this.errno = errno;
        }

        int errno() {
            return errno;
        }

        static String describe(int errno) {
            Errno e = Errno.valueOf(errno);
            return e == null ? "errno " + errno : e.description() + " (" + e.name() + ")";
        }
    }
}
