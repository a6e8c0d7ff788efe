package io.rootfleet.agent.hook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
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
import java.time.Duration;
import java.util.Optional;

/**
 * The hook's settings that do not fit its command line (which stays a fixed, harmless shell line): the restart
 * window, the jitter and the webhook. {@code hook install} writes them to HOME/hook-settings.json (0600: a
 * webhook URL may carry a token), {@code hook uninstall} removes them, {@code hook settle} reads them.
 *
 * @param window e.g. "Mon-Fri 02:00-04:00", null for any time
 * @param jitter the most a host delays its restart, e.g. "30m"; null for none
 * @param notifyUrl the webhook URL, null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HookSettings(String window, String jitter, String notifyUrl) {
    public static final HookSettings NONE = new HookSettings(null, null, null);
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final String FILE = "hook-settings.json";

    /** Checks the values as the user typed them; the message names the option. */
    public HookSettings {
        if (window != null) {
            RestartWindow w = RestartWindow.parse(window);
            if (jitter != null && Jitter.parse(jitter).compareTo(w.length()) >= 0) {
                throw new IllegalArgumentException("--jitter " + jitter + " is not shorter than the window " + window
                        + " (" + Jitter.format(w.length()) + "): a host could be delayed past its closing; give a"
                        + " shorter --jitter or a longer --window");
            }
        }
        if (jitter != null) {
            Jitter.parse(jitter);
        }
    }

    public Optional<RestartWindow> restartWindow() {
        return Optional.ofNullable(window).map(RestartWindow::parse);
    }

    public Duration maxJitter() {
        return jitter == null ? Duration.ZERO : Jitter.parse(jitter);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return window == null && jitter == null && notifyUrl == null;
    }

    public static Path file(AgentHome home) {
        return home.dir().resolve(FILE);
    }

    /** The settings of this home; {@link #NONE} when none were installed. */
    public static HookSettings read(AgentHome home) {
        try {
            return JSON.readValue(Files.readString(file(home)), HookSettings.class);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hook's settings " + file(home) + ": " + e.getMessage()
                    + "; run 'rootfleet-agent hook install' again", e);
        }
    }

    /** Writes them (or removes the file when they are empty); returns the file when it was written. */
    public Optional<Path> write(AgentHome home) {
        if (isEmpty()) {
            remove(home);
            return Optional.empty();
        }
        try {
            AtomicFiles.write(file(home), JSON.writeValueAsString(this) + "\n", PosixFilePermissions.fromString("rw-------"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Optional.of(file(home));
    }

    public static boolean remove(AgentHome home) {
        try {
            return Files.deleteIfExists(file(home));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file(home) + ": " + e.getMessage(), e);
        }
    }
}
