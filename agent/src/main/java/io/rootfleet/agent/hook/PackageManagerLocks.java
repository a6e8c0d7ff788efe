package io.rootfleet.agent.hook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether apt or dpkg is still at work, seen from outside: does some process hold a lock on one of their lock
 * files. apt holds lock-frontend for its whole run (its Post-Invoke hooks included); dpkg run on its own
 * holds both while it works. The hook only looks: taking these locks, even for a moment, would make an apt
 * or dpkg starting at that moment fail.
 */
public final class PackageManagerLocks {
    public static final List<Path> DPKG = List.of(Path.of("/var/lib/dpkg/lock-frontend"), Path.of("/var/lib/dpkg/lock"));

    private final List<Path> files;

    public PackageManagerLocks(List<Path> files) {
        this.files = List.copyOf(files);
    }

    public List<Path> files() {
        return files;
    }

    /** The first lock file someone holds, with who holds it ("/var/lib/dpkg/lock-frontend (pid 812)"), if any. */
    public Optional<String> holder() {
        ProcLocks table = ProcLocks.read();
        for (Path file : files) {
            FileId id;
            try {
                id = FileId.of(file);
            } catch (NoSuchFileException e) {
                continue; // no such lock file: nobody can hold it
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stat " + file + ": " + e.getMessage(), e);
            }
            Optional<ProcLocks.Held> held = table.held().stream().filter(h -> h.file().equals(id)).findFirst();
            if (held.isPresent()) {
                return Optional.of(file + (held.get().pid() > 0 ? " (pid " + held.get().pid() + ")" : ""));
            }
        }
        return Optional.empty();
    }
}
