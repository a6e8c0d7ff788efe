package io.rootfleet.agent.hook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.sys.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * A restart the hook deferred to its window, in HOME/hook-pending.json: it survives the process that deferred it
 * and a reboot. Whatever runs a settle next (the window's systemd timer, the waiting settle, a later package
 * change, {@code reconcile}) scans again and either restarts or defers anew; every scan clears the record first.
 *
 * @param since when the restart was first deferred (ISO-8601)
 * @param notBefore when it may run: the window's next opening plus this host's jitter (ISO-8601, with offset)
 * @param stale the containers that were stale then
 */
public record PendingRestart(String since, String notBefore, List<String> stale) {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final String FILE = "hook-pending.json";

    public PendingRestart {
        stale = stale == null ? List.of() : List.copyOf(stale);
    }

    public static Path file(AgentHome home) {
        return home.dir().resolve(FILE);
    }

    public static Optional<PendingRestart> read(AgentHome home) {
        try {
            return Optional.of(JSON.readValue(Files.readString(file(home)), PendingRestart.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // a damaged record still means something was deferred
            return Optional.of(new PendingRestart(null, null, List.of()));
        }
    }

    public void write(AgentHome home) {
        try {
            AtomicFiles.write(file(home), JSON.writeValueAsString(this) + "\n", PosixFilePermissions.fromString("rw-------"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void clear(AgentHome home) {
        try {
            Files.deleteIfExists(file(home));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file(home) + ": " + e.getMessage(), e);
        }
    }
}
