package io.rootfleet.agent.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The one lock every mutation on a host takes (apply, restart, the apt hook). It is a POSIX record lock:
 * it does not exclude flock(1), so everything that changes containers goes through the agent.
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
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
