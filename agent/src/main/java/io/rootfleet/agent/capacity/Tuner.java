package io.rootfleet.agent.capacity;

import io.rootfleet.agent.sys.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * {@code rootfleet-agent tune}: writes the production kernel limits into the agent's own file in a sysctl.d
 * directory (so they hold after a reboot) and sets those the running kernel has lower (so they hold now).
 * Only that file is ever written, and only when it is absent or rootfleet-agent wrote it; no value is lowered.
 */
public final class Tuner {
    public static final Path SYSCTL_D = Path.of("/etc/sysctl.d");

    private final Path sysctlDir;
    private final SysctlTree kernel;

    /**
     * @param sysctlDir where the file goes ({@code /etc/sysctl.d}; a test's own directory)
     * @param kernel the kernel's parameters ({@code /proc/sys}; a test's own tree)
     */
    public Tuner(Path sysctlDir, SysctlTree kernel) {
        this.sysctlDir = sysctlDir;
        this.kernel = kernel;
    }

    public Path file() {
        return sysctlDir.resolve(TuneFile.NAME);
    }

    /**
     * What was (with {@code check}: would be) done, one line each, and whether anything changed (would change).
     */
    public record Result(List<String> lines, boolean changed) {}

    /** A file of that name is there and rootfleet-agent did not write it: nothing was changed. */
    public static final class ForeignFileException extends RuntimeException {
        ForeignFileException(String message) {
            super(message);
        }
    }

    public Result tune(boolean check) {
        SortedMap<Sysctl, Long> targets = TuneFile.targets(kernel.read(TuneFile.PRODUCTION.keySet()));
        String text = TuneFile.render(targets);
        Path file = file();
        List<String> lines = new ArrayList<>();
        boolean changed = false;
        String verb = check ? "would " : "";
        String existing = read(file);
        if (existing != null && !TuneFile.ours(existing)) {
            throw new ForeignFileException(file + " was not written by rootfleet-agent tune: nothing changed. Move it"
                    + " away, or put its settings in another file");
        }
        if (!text.equals(existing)) {
            if (!check) {
                if (!Files.isDirectory(sysctlDir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalStateException("no directory " + sysctlDir + " for kernel parameters");
                }
                AtomicFiles.write(file, text, PosixFilePermissions.fromString("rw-r--r--"));
            }
            lines.add(verb + (existing == null ? "write " : "rewrite ") + file + " (" + targets.size() + " kernel parameters,"
                    + " set again at every boot)");
            changed = true;
        }
        Map<Sysctl, Long> now = kernel.read(targets.keySet());
        for (Map.Entry<Sysctl, Long> target : targets.entrySet()) {
            long current = now.getOrDefault(target.getKey(), target.getValue());
            if (current < target.getValue()) {
                if (!check) {
                    kernel.write(target.getKey(), target.getValue());
                }
                lines.add(verb + "set " + target.getKey() + " = " + target.getValue() + " (was " + current + ")");
                changed = true;
            }
        }
        for (String override : overrides(targets)) {
            lines.add("note: " + override + " is lower and read after " + TuneFile.NAME + " at boot, so it wins there;"
                    + " remove that setting to keep rootfleet's");
        }
        if (!changed) {
            lines.add("nothing to change: " + file + " and the running kernel have the production values");
        }
        return new Result(lines, changed);
    }

    /** Lower settings in the files sysctl reads after this one (a later name wins). */
    private List<String> overrides(SortedMap<Sysctl, Long> targets) {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(sysctlDir, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        TreeSet<Path> later = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(sysctlDir, "*.conf")) {
            for (Path f : files) {
                if (f.getFileName().toString().compareTo(TuneFile.NAME) > 0) {
                    later.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sysctlDir + ": " + e.getMessage(), e);
        }
        for (Path f : later) {
            String text = read(f);
            if (text != null) {
                found.addAll(TuneFile.overriddenBy(f.toString(), text, targets));
            }
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException absent) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
