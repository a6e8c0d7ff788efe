package io.rootfleet.agent.sys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * An open directory through which files are created and replaced without ever following a symlink: each step
 * is a *at(2) call relative to this directory's fd with O_NOFOLLOW, so a directory swapped for a symlink at
 * any level (by a container that owns the tree) makes the call fail instead of escaping the tree.
 */
public final class NoFollowDirectory implements AutoCloseable {
    private static final int AT_FDCWD = -100;
    private static final int AT_REMOVEDIR = 0x200;
    private static final int O_CLOEXEC = OpenFlags.O_CLOEXEC.intValue();
    private static final int O_NOFOLLOW = OpenFlags.O_NOFOLLOW.intValue();
    private static final int DIRECTORY_FLAGS =
            OpenFlags.O_RDONLY.intValue() | OpenFlags.O_DIRECTORY.intValue() | O_NOFOLLOW | O_CLOEXEC;
    private static final int NEW_FILE_FLAGS = OpenFlags.O_WRONLY.intValue() | OpenFlags.O_CREAT.intValue()
            | OpenFlags.O_EXCL.intValue() | O_NOFOLLOW | O_CLOEXEC;

    /** The libc functions used; each returns -1 with errno set on failure. */
    public interface LibC {
        int openat(int dirfd, @In String path, int flags, int mode);

        int mkdirat(int dirfd, @In String path, int mode);

        int renameat(int olddirfd, @In String oldpath, int newdirfd, @In String newpath);

        int unlinkat(int dirfd, @In String path, int flags);

        int fchown(int fd, int uid, int gid);

        int fchmod(int fd, int mode);

        int fsync(int fd);

        int close(int fd);

        @ssize_t long readlinkat(int dirfd, @In String path, @jnr.ffi.annotations.Out byte[] buffer, @size_t long size);

        @ssize_t long write(int fd, @In byte[] buffer, @size_t long count);
    }

    private static final LibC LIBC = NativeLibc.load(LibC.class);

    private final int fd;
    private final String path;

    private NoFollowDirectory(int fd, String path) {
        this.fd = fd;
        this.path = path;
    }

    /** Opens {@code dir}; refused if its last component is a symlink or not a directory. */
    public static NoFollowDirectory open(Path dir) {
        int fd = LIBC.openat(AT_FDCWD, dir.toString(), DIRECTORY_FLAGS, 0);
        if (fd < 0) {
            throw failure("open directory " + dir);
        }
        return new NoFollowDirectory(fd, dir.toString());
    }

    /**
     * Opens the directory {@code name} in this one. Fails with {@link Errno#ENOTDIR} when it is a symlink or
     * something else than a directory ({@link #isSymlink} tells which), {@link Errno#ENOENT} when missing.
     */
    public NoFollowDirectory child(String name) {
        checkName(name);
        int child = LIBC.openat(fd, name, DIRECTORY_FLAGS, 0);
        if (child < 0) {
            throw failure("open directory " + path + "/" + name);
        }
        return new NoFollowDirectory(child, path + "/" + name);
    }

    /** Creates the directory {@code name} (0700 until {@link #setOwnerAndMode} says otherwise) and opens it. */
    public NoFollowDirectory createChild(String name) {
        checkName(name);
        if (LIBC.mkdirat(fd, name, 0700) != 0) {
            throw failure("create directory " + path + "/" + name);
        }
        return child(name);
    }

    /** True when {@code name} is a symlink here (readlinkat(2) fails with EINVAL on anything else). */
    public boolean isSymlink(String name) {
        checkName(name);
        return LIBC.readlinkat(fd, name, new byte[1], 1) >= 0;
    }

    /** True when {@code name} is a directory here (not a symlink to one). */
    public boolean hasDirectory(String name) {
        try (NoFollowDirectory ignored = child(name)) {
            return true;
        } catch (Kernel.KernelException e) {
            if (e.errno() == Errno.ELOOP.intValue() || e.errno() == Errno.ENOTDIR.intValue()
                    || e.errno() == Errno.ENOENT.intValue()) {
                return false;
            }
            throw e;
        }
    }

    public void setOwnerAndMode(int uid, int gid, int mode) {
        setOwnerAndMode(fd, path, uid, gid, mode);
    }

    /**
     * Creates or replaces the file {@code name}: {@link #stageFile}, then {@link #commitStaged}. A crash leaves the
     * old file or the new one, never a torn one.
     */
    public void replaceFile(String name, byte[] content, int uid, int gid, int mode) {
        String temp = stageFile(name, content, uid, gid, mode);
        boolean renamed = false;
        try {
            commitStaged(temp, name);
            renamed = true;
        } finally {
            if (!renamed) {
                discardStaged(temp);
            }
        }
    }

    /**
     * Writes the new content of {@code name} as a temp file in this directory (written, owned, moded and fsynced
     * through its own fd) and returns the temp file's name; the old file is untouched until {@link #commitStaged}.
     * On any failure (a full disk, say) the temp file is removed and the old file is as it was.
     */
    public String stageFile(String name, byte[] content, int uid, int gid, int mode) {
        checkName(name);
        String temp = "." + name + ".rootfleet-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        int file = LIBC.openat(fd, temp, NEW_FILE_FLAGS, 0600);
        if (file < 0) {
            throw failure("create " + path + "/" + temp);
        }
        boolean written = false;
        try {
            try {
                writeFully(file, content, path + "/" + temp);
                setOwnerAndMode(file, path + "/" + temp, uid, gid, mode);
                check(LIBC.fsync(file), "fsync " + path + "/" + temp);
            } finally {
                check(LIBC.close(file), "close " + path + "/" + temp); // NFS and some others report ENOSPC here
            }
            written = true;
            return temp;
        } finally {
            if (!written) {
                LIBC.unlinkat(fd, temp, 0);
            }
        }
    }

    /**
     * Renames the staged {@code temp} over {@code name} (a symlink or whiteout there is replaced, never followed),
     * then fsyncs this directory.
     */
    public void commitStaged(String temp, String name) {
        checkName(temp);
        checkName(name);
        check(LIBC.renameat(fd, temp, fd, name), "rename " + temp + " to " + name + " in " + path);
        check(LIBC.fsync(fd), "fsync " + path);
    }

    /** Removes a staged temp file that will not be committed; quietly, it is cleanup after another failure. */
    public void discardStaged(String temp) {
        checkName(temp);
        LIBC.unlinkat(fd, temp, 0);
    }

    /**
     * Removes {@code name} here unless it is a directory: a regular file, or a symlink as the link itself (unlinkat(2)
     * never follows). False when there is nothing to remove or a directory is there.
     */
    public boolean removeFile(String name) {
        checkName(name);
        if (hasDirectory(name)) {
            return false;
        }
        if (LIBC.unlinkat(fd, name, 0) == 0) {
            check(LIBC.fsync(fd), "fsync " + path);
            return true;
        }
        Kernel.KernelException e = failure("remove " + path + "/" + name);
        if (e.errno() == Errno.ENOENT.intValue()) {
            return false;
        }
        throw e;
    }

    /** Removes the directory {@code name} here if it is empty (cleanup of one this agent created); quietly. */
    public void removeEmptyChild(String name) {
        checkName(name);
        LIBC.unlinkat(fd, name, AT_REMOVEDIR);
    }

    @Override
    public void close() {
        LIBC.close(fd);
    }

    private static void setOwnerAndMode(int fd, String what, int uid, int gid, int mode) {
        check(LIBC.fchown(fd, uid, gid), "change owner of " + what);
        check(LIBC.fchmod(fd, mode), "change mode of " + what); // after chown, which clears set-id bits
    }

    private static void writeFully(int file, byte[] content, String what) {
        int offset = 0;
        while (offset < content.length) {
            byte[] rest = offset == 0 ? content : java.util.Arrays.copyOfRange(content, offset, content.length);
            long written = LIBC.write(file, rest, rest.length);
            if (written < 0) {
                throw failure("write " + what);
            }
            offset += (int) written;
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("'" + name + "' is not a single file name");
        }
    }

    private static void check(int status, String what) {
        if (status != 0) {
            throw failure(what);
        }
    }

    private static Kernel.KernelException failure(String what) {
        int errno = Runtime.getRuntime(LIBC).getLastError();
        Errno e = Errno.valueOf(errno);
        return new Kernel.KernelException("cannot " + what + ": " + (e == null ? "errno " + errno : e.description()), errno);
    }
}
