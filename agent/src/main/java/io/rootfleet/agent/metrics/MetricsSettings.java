package io.rootfleet.agent.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.PrivateHome;
import io.rootfleet.agent.sys.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The textfile directory that apply, restart and the hook refresh {@code rootfleet.prom} in, kept in
 * HOME/metrics.json (atomic, 0600; written under the host lock). None: nothing is refreshed.
 */
public final class MetricsSettings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentHome home;

    public MetricsSettings(AgentHome home) {
        this.home = home;
    }

    /** The textfile directory, when enabled. */
    public Optional<Path> textfileDir() {
        Path file = home.metricsSettings();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = JSON.readTree(Files.readString(file));
            JsonNode dir = doc == null ? null : doc.get("textfileDir");
            if (dir == null || !dir.isTextual() || !dir.asText().startsWith("/")) {
                throw new IllegalStateException(file + ": textfileDir is not an absolute path; run rootfleet-agent metrics"
                        + " --textfile DIR --enable, or --disable");
            }
            return Optional.of(Path.of(dir.asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void enable(Path dir) {
        try {
            PrivateHome.ensureDirectory(home.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the agent home " + home.dir() + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(home.metricsSettings(), JSON.createObjectNode()
                .put("textfileDir", dir.toAbsolutePath().normalize().toString()).toString() + "\n", PrivateHome.FILE_MODE);
    }

    /** @return whether it was enabled */
    public boolean disable() {
        try {
            return Files.deleteIfExists(home.metricsSettings());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + home.metricsSettings() + ": " + e.getMessage(), e);
        }
    }
}
