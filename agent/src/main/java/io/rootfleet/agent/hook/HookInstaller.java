package io.rootfleet.agent.hook;

import io.rootfleet.agent.sys.AtomicFiles;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes, finds and removes the hook's files. It checks every target before it changes any, and it never
 * overwrites or removes a file it did not write (one without the marker line, or not a regular file).
 */
public final class HookInstaller {
    /** More than any file of ours; a larger file is not ours and is not read whole. */
    private static final int MAX_READ = 64 * 1024;

    /** Where one kind of hook file goes. */
    public record Target(HookFile kind, Path dir) {
        public Path file() {
            return kind.in(dir);
        }
    }

    /** What is at a target now. */
    public enum Found {
        ABSENT,
        OURS,
        FOREIGN
    }

    /** A target, what is there, and for a file of ours the agent home it runs the hook for. */
    public record Installed(Target target, Found found, Optional<String> home) {}

    /** Writes each target's file (0644, atomically), replacing a file of ours; returns the files written. */
    public List<Path> install(HookScript script, List<Target> targets) {
        for (Target t : targets) {
            if (!Files.isDirectory(t.dir())) {
                throw new InvalidInputException(Location.of("--" + t.kind().label() + "-conf-dir"), "no such directory "
                        + t.dir() + "; is " + t.kind().label() + " installed? Give the directory it reads its"
                        + " configuration parts from");
            }
        }
        refuseForeign(targets, "overwrite");
        List<Path> written = new ArrayList<>();
        for (Target t : targets) {
            AtomicFiles.write(t.file(), t.kind().render(script), PosixFilePermissions.fromString("rw-r--r--"));
            written.add(t.file());
        }
        return written;
    }

    /** Removes each target's file when it is ours; returns the files removed (none when nothing was installed). */
    public List<Path> uninstall(List<Target> targets) {
        refuseForeign(targets, "remove");
        List<Path> removed = new ArrayList<>();
        for (Target t : targets) {
            if (inspect(t).found() == Found.OURS) {
                try {
                    Files.delete(t.file());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + t.file() + ": " + e.getMessage(), e);
                }
                removed.add(t.file());
            }
        }
        return removed;
    }

    public Installed inspect(Target target) {
        Path file = target.file();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Installed(target, Found.ABSENT, Optional.empty());
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Installed(target, Found.FOREIGN, Optional.empty());
        }
        String content = read(file);
        return target.kind().isOurs(content)
                ? new Installed(target, Found.OURS, target.kind().homeOf(content))
                : new Installed(target, Found.FOREIGN, Optional.empty());
    }

    private void refuseForeign(List<Target> targets, String verb) {
        List<Path> foreign = targets.stream().filter(t -> inspect(t).found() == Found.FOREIGN).map(Target::file).toList();
        if (!foreign.isEmpty()) {
            throw new ForeignFileException(String.join(", ", foreign.stream().map(Path::toString).toList())
                    + (foreign.size() == 1 ? " was" : " were") + " not written by rootfleet-agent (no marker line); refusing to "
                    + verb + " it and changing nothing. Move it away yourself if it is a leftover, or give another"
                    + " --apt-conf-dir/--dpkg-conf-dir");
        }
    }

    private static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_READ), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A hook file's place holds a file this agent did not write. */
    public static final class ForeignFileException extends RuntimeException {
        ForeignFileException(String message) {
            super(message);
        }
    }
}
