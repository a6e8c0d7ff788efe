package io.rootfleet.agent.state;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.PrivateHome;
import io.rootfleet.agent.sys.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The host's holds in HOME/holds.json (atomic writes, 0600). Changes go through {@link #update} by a caller that
 * holds the host lock, so a hold never races a restart deciding what to restart (which reads them under the same lock).
 */
public final class HoldStore {
    private final AgentHome home;

    public HoldStore(AgentHome home) {
        this.home = home;
    }

    public Path file() {
        return home.holdsFile();
    }

    /** The holds now; none when the file does not exist. A symlink in its place is refused, not followed. */
    public Holds read() {
        Path file = file();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Holds.NONE;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(file + " is not a regular file; remove it (every hold is dropped then)");
        }
        try {
            return Holds.fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads, changes and writes the holds; the caller holds the host lock. Returns what was written. */
    public Holds update(UnaryOperator<Holds> change) {
        Holds next = change.apply(read());
        try {
            PrivateHome.ensureDirectory(home.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the agent home " + home.dir() + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file(), next.toJson() + "\n", PrivateHome.FILE_MODE);
        return next;
    }
}
