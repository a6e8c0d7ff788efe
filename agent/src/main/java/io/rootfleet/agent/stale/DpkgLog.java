package io.rootfleet.agent.stale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host's package changes, from dpkg's log. They do not make a container stale by themselves: a running
 * container keeps seeing the old version of every file it looked up before the change, but which of those it
 * still uses cannot be told unless a process maps one (scripts, configuration and data files are read and
 * closed). So they are reported next to the verdict, as what a container may still see in an old version.
 */
final class DpkgLog {
    /** The current log and the one before it: about two months with Debian's monthly rotation; older ones are gzipped. */
    static final List<Path> SYSTEM_LOGS = List.of(Path.of("/var/log/dpkg.log.1"), Path.of("/var/log/dpkg.log"));

    /** The actions that change a package's files; configure, trigproc and status lines do not add to them. */
    private static final Set<String> FILE_CHANGES = Set.of("install", "upgrade", "remove", "purge");

    /** One line like {@code 2026-11-22 10:00:01 upgrade libssl3:amd64 3.0.14-1 3.0.15-1}, in the host's local time. */
    record Change(LocalDateTime at, String pkg, String from, String to) {}

    private final List<Change> changes;
    private final ZoneId zone;

    DpkgLog(List<Change> changes, ZoneId zone) {
        this.changes = List.copyOf(changes);
        this.zone = zone;
    }

    /** Reads the given logs, oldest first; a missing log is skipped (a host may have none yet). */
    static DpkgLog read(List<Path> logs, ZoneId zone) {
        List<Change> changes = new ArrayList<>();
        for (Path log : logs) {
            try {
                changes.addAll(parse(new String(Files.readAllBytes(log), StandardCharsets.UTF_8)));
            } catch (NoSuchFileException e) {
                // not rotated yet, or dpkg never ran
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the dpkg log " + log + ": " + e.getMessage(), e);
            }
        }
        return new DpkgLog(changes, zone);
    }

    /** The file-changing lines of a dpkg log; other and malformed lines are skipped. */
    static List<Change> parse(String text) {
        List<Change> changes = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length != 6 || !FILE_CHANGES.contains(f[2])) {
                continue;
            }
            try {
                changes.add(new Change(time(f[0], f[1]), f[3], f[4], f[5]));
            } catch (DateTimeException e) {
                // not a line dpkg wrote
            }
        }
        return changes;
    }

    /**
     * dpkg's {@code YYYY-MM-DD HH:MM:SS}, read by position: {@code LocalDateTime.parse} was two thirds of the parse's
     * CPU, and the parse a tenth of a {@code stale} run's (a log of 6,000 lines, 800 of them file changes).
     */
    private static LocalDateTime time(String date, String time) {
        if (date.length() != 10 || date.charAt(4) != '-' || date.charAt(7) != '-' || time.length() != 8
                || time.charAt(2) != ':' || time.charAt(5) != ':') {
            throw new DateTimeException("not dpkg's date and time: " + date + " " + time);
        }
        return LocalDateTime.of(digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10), digits(time, 0, 2),
                digits(time, 3, 5), digits(time, 6, 8));
    }

    private static int digits(String text, int begin, int end) {
        int value = 0;
        for (int i = begin; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("not a number: " + text.substring(begin, end));
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * The version of package {@code name} (with or without ":arch") a container started at {@code start} still
     * runs: the "from" of the first file-changing line for it at or after the start that is not an install (from
     * {@code <none>}). A container that maps the package's files started after they were installed, so an install
     * line after the start can only be the start's time being off: the log has whole seconds, and a process's start
     * comes from the boot time, which the kernel rounds to the second. Empty when no line tells.
     */
    Optional<String> runningVersion(String name, Instant start) {
        LocalDateTime from = LocalDateTime.ofInstant(start, zone).truncatedTo(ChronoUnit.SECONDS);
        String base = baseName(name);
        for (Change c : changes) {
            if (c.at().isBefore(from) || !baseName(c.pkg()).equals(base) || c.from().equals("<none>")) {
                continue;
            }
            return Optional.of(c.from());
        }
        return Optional.empty();
    }

    private static String baseName(String pkg) {
        int colon = pkg.indexOf(':');
        return colon < 0 ? pkg : pkg.substring(0, colon);
    }

    /**
     * The packages changed at or after {@code start}, in the order first changed, each as
     * {@code "name:arch OLD -> NEW"} with dpkg's {@code <none>} for not installed. The log has whole seconds:
     * a change in the container's first second counts, as it may have come after the container's start.
     */
    List<String> changedSince(Instant start) {
        LocalDateTime from = LocalDateTime.ofInstant(start, zone).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String[]> versions = new LinkedHashMap<>();
        for (Change change : changes) {
            if (!change.at().isBefore(from)) {
                versions.computeIfAbsent(change.pkg(), p -> new String[] {change.from(), null})[1] = change.to();
            }
        }
        List<String> described = new ArrayList<>();
        versions.forEach((pkg, v) -> described.add(pkg + " " + v[0] + " -> " + v[1]));
        return described;
    }
}
