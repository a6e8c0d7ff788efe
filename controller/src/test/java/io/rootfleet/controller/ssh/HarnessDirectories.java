package io.rootfleet.controller.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The harness directories {@code /tmp/rf-ssh-harness-*}. Each records its owner (the test JVM's pid and start
 * time), so a later run can tell a directory left by a killed run from one in use by a run in parallel, and
 * kill the left-over sshd processes before deleting it.
 */
final class HarnessDirectories {
    /** Where harnesses live; tests of the reaper itself use a private root that other runs do not look at. */
    static final Path ROOT = Path.of("/tmp");
    private static final String PREFIX = "rf-ssh-harness-";
    private static final String OWNER = "owner";
    /** A directory without owner file is only a leftover when it is older than a start could take. */
    private static final Duration UNOWNED_GRACE = Duration.ofMinutes(1);

    private HarnessDirectories() {}

    static Path create(Path root) throws IOException {
        Path directory = Files.createTempDirectory(root, PREFIX);
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(directory.resolve(OWNER), self.pid() + " " + startMillis(self).orElse(0L));
        return directory;
    }

    /** Kills the sshd processes of runs whose JVM is gone, and deletes their directories. */
    static void removeLeftovers(Path root) {
        List<Path> directories;
        try (Stream<Path> list = Files.list(root)) {
            directories = list.filter(path -> path.getFileName().toString().startsWith(PREFIX)).toList();
        } catch (IOException e) {
            return;
        }
        for (Path directory : directories) {
            try {
                if (isLeftover(directory)) {
                    killSshds(directory);
                    delete(directory);
                }
            } catch (IOException | RuntimeException e) {
                // best effort: a leftover holds a random address and port that no run is likely to pick again
            }
        }
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    private static boolean isLeftover(Path directory) throws IOException {
        Path owner = directory.resolve(OWNER);
        if (!Files.exists(owner)) {
            return Files.getLastModifiedTime(directory).toInstant().isBefore(Instant.now().minus(UNOWNED_GRACE));
        }
        String[] fields = Files.readString(owner).trim().split(" ");
        long pid = Long.parseLong(fields[0]);
        long startMillis = Long.parseLong(fields[1]);
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        boolean ownerAlive = process.isPresent()
                && startMillis(process.get()).map(start -> start == startMillis).orElse(true);
        return !ownerAlive;
    }

    /** Kills only processes whose command line names this directory: a reused pid belongs to someone else. */
    private static void killSshds(Path directory) throws IOException {
        List<Path> pidFiles;
        try (Stream<Path> paths = Files.walk(directory)) {
            pidFiles = paths.filter(path -> path.getFileName().toString().equals("sshd.pid")).toList();
        }
        for (Path pidFile : pidFiles) {
            String text = Files.readString(pidFile).trim();
            if (text.isEmpty()) {
                continue; // killed between creating its pid file and writing it
            }
            long pid = Long.parseLong(text);
            ProcessHandle.of(pid)
                    .filter(sshd -> commandLine(pid).contains(directory.toString()))
                    .ifPresent(sshd -> {
                        List<ProcessHandle> sessions = sshd.descendants().toList();
                        sshd.destroyForcibly();
                        sessions.forEach(ProcessHandle::destroyForcibly);
                    });
        }
    }

    /**
     * Read from /proc: sshd rewrites its process title, after which {@link ProcessHandle.Info} no longer sees
     * its arguments, but the title still names the config file.
     */
    private static String commandLine(long pid) {
        try {
            Path cmdline = Path.of("/proc", String.valueOf(pid), "cmdline");
            return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
