package io.rootfleet.controller.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Tears down the agent homes of simulated hosts, in the order the agent's own tests do: kill the containers,
 * unmount the shared root and mask layers, and delete only what no mount is under any more. An agent home holds
 * a read-only bind mount of the host's {@code /}: a delete that crossed it would try to delete the host.
 */
final class AgentHomes {
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final int UNMOUNT_ATTEMPTS = 20;

    private AgentHomes() {}

    /** The names of the containers of {@code home} that LXC reports running (none when it has no containers). */
    static List<String> running(Path home) {
        return list(home, true);
    }

    /** The names of every container of {@code home}, running or not. */
    static List<String> containers(Path home) {
        return list(home, false);
    }

    private static List<String> list(Path home, boolean runningOnly) {
        Path lxcPath = home.resolve("containers");
        if (!Files.isDirectory(lxcPath)) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(List.of("lxc-ls", "-P", lxcPath.toString(), "-1"));
        if (runningOnly) {
            argv.add("--running");
        }
        return Processes.run(argv, QUICK).orThrow().stdout().lines().map(String::strip).filter(s -> !s.isEmpty())
                .sorted().toList();
    }

    /** The PID of the init of container {@code name} of {@code home}, as LXC reports it; null when it is not running. */
    static Integer initPid(Path home, String name) {
        String pid = Processes.run(List.of("lxc-info", "-P", home.resolve("containers").toString(), "-n", name, "-p", "-H"),
                QUICK).orThrow().stdout().strip();
        return pid.isEmpty() ? null : Integer.valueOf(pid);
    }

    /** Kills every running container of {@code home}, unmounts everything under it, then deletes it. */
    static void tearDown(Path home) {
        home = home.toAbsolutePath().normalize();
        for (String name : running(home)) {
            Processes.Result stop = Processes.run(
                    List.of("lxc-stop", "-P", home.resolve("containers").toString(), "-n", name, "-k"), QUICK);
            if (stop.exit() != 0 && running(home).contains(name)) {
                stop.orThrow();
            }
        }
        unmountAllUnder(home);
        deleteTree(home);
    }

    /** Unmounts the deepest mount under {@code dir} until none is left; retries while a dying container holds one. */
    static void unmountAllUnder(Path dir) {
        for (int attempt = 0; ; attempt++) {
            List<Path> mounts = mountsUnder(dir);
            if (mounts.isEmpty()) {
                return;
            }
            Path deepest = mounts.stream().max(Comparator.comparingInt(Path::getNameCount)).orElseThrow();
            Processes.Result umount = Processes.run(List.of("umount", deepest.toString()), QUICK);
            if (umount.exit() != 0) {
                if (attempt >= UNMOUNT_ATTEMPTS) {
                    umount.orThrow();
                }
                sleep(Duration.ofMillis(100));
            }
        }
    }

    /** Every mount point at or under {@code dir}, from this process's mountinfo. */
    static List<Path> mountsUnder(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" ")[4])
                    .map(AgentHomes::unescape)
                    .map(Path::of)
                    .filter(mountPoint -> mountPoint.startsWith(target))
                    .distinct()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/mountinfo", e);
        }
    }

    /**
     * Deletes {@code dir} and everything in it, but only when nothing is mounted under it, never following a
     * symbolic link and never entering a directory on another file system.
     */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> mounts = mountsUnder(dir);
        if (!mounts.isEmpty()) {
            throw new IllegalStateException("refusing to delete " + dir + ": still mounted under it: " + mounts);
        }
        try {
            Object device = Files.getAttribute(dir, "unix:dev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    if (!Objects.equals(device, Files.getAttribute(d, "unix:dev", java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
                        throw new IllegalStateException("refusing to delete " + d + ": another file system");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal: {@code \040}. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unmounting", e);
        }
    }
}
