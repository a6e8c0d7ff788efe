package io.rootfleet.agent.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code audit --since T}: an ISO-8601 time ({@code 2026-11-27T08:00:00Z}, with an offset, or without one meaning
 * UTC), a date ({@code 2026-11-27}, midnight UTC), or a duration back from now ({@code 90s}, {@code 30m}, {@code 2h},
 * {@code 7d}). Pure: the caller passes now.
 */
public final class Since {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private Since() {}

    /** @throws IllegalArgumentException with a message saying what is accepted */
    public static Instant parse(String value, Instant now) {
        String v = value.strip();
        Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration back = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(back);
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDate) {
            throw new IllegalArgumentException("'" + value + "' is neither a time (2026-11-27T08:00:00Z, 2026-11-27) nor"
                    + " a duration back from now (90s, 30m, 2h, 7d)");
        }
    }
}
