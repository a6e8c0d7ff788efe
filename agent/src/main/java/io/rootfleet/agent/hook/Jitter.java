package io.rootfleet.agent.hook;

import io.rootfleet.model.DurationText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * A host's own delay within {@code --jitter}: the same every time for one host name, spread evenly over the
 * fleet's names (SHA-256), so the hosts of a fleet sharing a window do not all restart at its opening.
 */
public final class Jitter {
    private Jitter() {}

    /** A whole number of seconds in [0, max); zero when max is under a second. */
    public static Duration of(String hostName, Duration max) {
        long range = max.toSeconds();
        if (range <= 0) {
            return Duration.ZERO;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(hostName.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xff);
            }
            return Duration.ofSeconds(Math.floorMod(value, range));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Parses a {@code --jitter} value: {@code 30m}, {@code 90s}, {@code 2h}, {@code 1h30m}. */
    public static Duration parse(String text) {
        return DurationText.parse(text).orElseThrow(() -> new IllegalArgumentException("'" + text
                + "' is not a duration; give e.g. 30m, 90s, 2h or 1h30m"));
    }

    /** {@code 1h30m}, {@code 45s}: as {@link #parse} reads it. */
    public static String format(Duration d) {
        StringBuilder text = new StringBuilder();
        if (d.toHours() > 0) {
            text.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            text.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || text.length() == 0) {
            text.append(d.toSecondsPart()).append('s');
        }
        return text.toString();
    }
}
