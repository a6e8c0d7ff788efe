package io.rootfleet.agent.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.constants.platform.Errno;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;

/**
 * {@link Kernel} bound straight to libc (JNR), so a host with a hundred containers does not pay a process
 * per call. The binding is made at the first system call: an agent run that makes none ({@code stale}, a plan)
 * does not pay its 70-110 ms of CPU.
 */
final class LibcKernel implements Kernel {
    private static final long MS_RDONLY = 1;
    private static final long MS_NOSUID = 2;
    private static final long MS_NODEV = 4;
    private static final long MS_REMOUNT = 32;
    private static final long MS_BIND = 4096;
    private static final long MS_PRIVATE = 1 << 18;
    private static final int MNT_DETACH = 2;
    private static final int S_IFCHR = 0020000;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int STATX_BLOCKS = 0x400;
    /** struct statx (statx(2)) is the same on every architecture: 256 bytes, stx_blocks a u64 at offset 48. */
    private static final int STATX_SIZE = 256;
    private static final int STX_BLOCKS = 48;

    /** The libc functions used; each returns 0 or -1 with errno set. */
    public interface LibC {
        int mount(@In String source, @In String target, @In String type, long flags, @In String data);

        int umount2(@In String target, int flags);

        int setxattr(@In String path, @In String name, @In byte[] value, @size_t long size, int flags);

        int mknod(@In String path, int mode, long dev);

        int lchown(@In String path, int uid, int gid);

        int chmod(@In String path, int mode);

        int statx(int dirfd, @In String path, int flags, int mask, @Out byte[] statx);
    }

    static final LibcKernel INSTANCE = new LibcKernel();

    /** Loaded, and so bound, on first use. */
    private static final class Bound {
        static final LibC LIBC = NativeLibc.load(LibC.class);
    }

    private LibcKernel() {}

    private static LibC libc() {
        return Bound.LIBC;
    }

    /** The effective UID as /proc/self/status gives it ({@code Uid: real effective saved filesystem}). */
    @Override
    public boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
            throw new IllegalStateException("/proc/self/status has no Uid line");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status: " + e.getMessage(), e);
        }
    }

    @Override
    public void bindReadOnly(Path source, Path target) {
        check(libc().mount(source.toString(), target.toString(), null, MS_BIND, null), "bind-mount " + source + " on " + target);
        remountReadOnly(target);
    }

    @Override
    public void remountReadOnly(Path target) {
        check(libc().mount(null, target.toString(), null, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, null),
                "remount " + target + " read-only");
    }

    @Override
    public void makePrivate(Path target) {
        check(libc().mount(null, target.toString(), null, MS_PRIVATE, null), "make " + target + " a private mount");
    }

    @Override
    public void mountTmpfs(Path target, String options) {
        check(libc().mount("rootfleet-mask", target.toString(), "tmpfs", MS_NOSUID | MS_NODEV, options),
                "mount a tmpfs on " + target);
    }

    @Override
    public void unmount(Path target) {
        check(libc().umount2(target.toString(), 0), "unmount " + target);
    }

    @Override
    public void unmountLazily(Path target) {
        check(libc().umount2(target.toString(), MNT_DETACH), "detach " + target);
    }

    @Override
    public void whiteout(Path path) {
        check(libc().mknod(path.toString(), S_IFCHR, 0), "create whiteout " + path);
    }

    @Override
    public void markOpaque(Path dir) {
        byte[] yes = "y".getBytes(StandardCharsets.US_ASCII);
        check(libc().setxattr(dir.toString(), "trusted.overlay.opaque", yes, yes.length, 0), "mark " + dir + " opaque");
    }

    @Override
    public void markOpaqueForUserNamespace(Path dir) {
        byte[] yes = "y".getBytes(StandardCharsets.US_ASCII);
        check(libc().setxattr(dir.toString(), "user.overlay.opaque", yes, yes.length, 0), "mark " + dir + " opaque (user xattr)");
    }

    @Override
    public void lchown(Path path, int uid, int gid) {
        check(libc().lchown(path.toString(), uid, gid), "change owner of " + path);
    }

    @Override
    public void chmod(Path path, int mode) {
        check(libc().chmod(path.toString(), mode), "change mode of " + path);
    }

    @Override
    public long allocatedBytes(Path path) {
        byte[] statx = new byte[STATX_SIZE];
        check(libc().statx(AT_FDCWD, path.toString(), AT_SYMLINK_NOFOLLOW, STATX_BLOCKS, statx), "read the size of " + path);
        return ByteBuffer.wrap(statx).order(ByteOrder.nativeOrder()).getLong(STX_BLOCKS) * 512;
    }

    private void check(int status, String what) {
        if (status != 0) {
            int errno = Runtime.getRuntime(libc()).getLastError();
            Errno e = Errno.valueOf(errno);
            throw new KernelException("cannot " + what + ": " + (e == null ? "errno " + errno : e.description()), errno);
        }
    }
}
