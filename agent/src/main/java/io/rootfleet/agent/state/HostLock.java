package io.rootfleet.agent.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import io.rootfleet.agent.host.PrivateHome;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The one lock every mutation on a host takes (apply, restart, the apt hook). It is a POSIX record lock:
 * it does not exclude flock(1), so everything that changes containers goes through the agent. The lock file
 * and the home are root's alone (0600, 0700): a local user must not be able to take the lock.
 */
public final class HostLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code timeout} for the lock. */
    public static HostLock acquire(Path file, Duration timeout) throws BusyException {
        try {
            PrivateHome.ensure(file.toAbsolutePath().getParent());
            FileChannel channel = open(file);
            Instant deadline = Instant.now().plus(timeout);
            long pause = 20;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new HostLock(channel, lock);
                }
                if (Instant.now().isAfter(deadline)) {
                    channel.close();
                    throw new BusyException("another rootfleet-agent holds " + file + " (waited " + timeout.toSeconds()
                            + "s); wait for it to finish, or raise --lock-timeout");
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 500);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("interrupted while waiting for " + file);
        }
    }

    /**
     * Opens the lock file 0600, created so before anyone can open it: a user who could open it could take a
     * lock of their own on it and block every mutation on the host.
     */
    private static FileChannel open(Path file) throws IOException {
        try {
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PrivateHome.FILE_MODE));
            Files.setPosixFilePermissions(file, PrivateHome.FILE_MODE);
            return channel;
        } catch (FileAlreadyExistsException exists) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(file, PrivateHome.FILE_MODE);
            return channel;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lock is held by someone else. */
    public static final class BusyException extends RuntimeException {
        BusyException(String message) {
            super(message);
        }
    }
}
