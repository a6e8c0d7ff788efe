package io.rootfleet.agent.userns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An open fd of a user namespace whose uid and gid maps are {@code 0 BASE COUNT}: what
 * {@code mount_setattr(MOUNT_ATTR_IDMAP)} takes to say how an idmapped mount shifts ids. Java cannot
 * {@code clone(CLONE_NEWUSER)} itself, so a child ({@code unshare --user sleep}) makes the namespace, root
 * writes its maps from outside, the namespace is opened through /proc and the child is ended: the open fd
 * keeps the namespace alive, and a mount made with it keeps its own reference once the fd is closed.
 */
final class MappedUserNamespace implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final int fd;

    private MappedUserNamespace(int fd) {
        this.fd = fd;
    }

    static MappedUserNamespace create(IdRange range) {
        LinuxCalls calls = LinuxCalls.get();
        Process child;
        List<String> argv = List.of("unshare", "--user", "--", "sleep", "600");
        try {
            child = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", argv) + " (util-linux): " + e.getMessage(), e);
        }
        try {
            Path proc = Path.of("/proc", String.valueOf(child.pid()));
            awaitOwnNamespace(child, proc);
            writeMap(proc.resolve("uid_map"), range);
            writeMap(proc.resolve("gid_map"), range);
            return new MappedUserNamespace(calls.open(proc.resolve("ns/user").toString(),
                    LinuxCalls.O_RDONLY | LinuxCalls.O_CLOEXEC, "open the user namespace of " + String.join(" ", argv)));
        } finally {
            child.destroyForcibly();
            try {
                child.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    int fd() {
        return fd;
    }

    @Override
    public void close() {
        LinuxCalls.get().close(fd);
    }

    /** unshare(1) makes its namespace after it starts: until then the child is still in ours. */
    private static void awaitOwnNamespace(Process child, Path proc) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        try {
            Path ours = Files.readSymbolicLink(Path.of("/proc/self/ns/user"));
            while (Files.readSymbolicLink(proc.resolve("ns/user")).equals(ours)) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("unshare --user did not make a user namespace within "
                            + STARTUP.toSeconds() + " s" + (child.isAlive() ? "" : " (it exited with " + child.exitValue()
                            + ": " + new String(child.getInputStream().readAllBytes()).strip() + ")"));
                }
                Thread.sleep(2);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the user namespace of pid " + child.pid() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for unshare --user", e);
        }
    }

    private static void writeMap(Path file, IdRange range) {
        try {
            Files.writeString(file, range.mapLine() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + range.mapLine() + " to " + file + ": " + e.getMessage(), e);
        }
    }
}
