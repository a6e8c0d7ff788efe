package io.rootfleet.agent.audit;

import io.rootfleet.model.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code audit --since T}: an ISO-8601 time ({@code 2026-11-27T08:00:00Z}, with an offset, or without one meaning
 * UTC), a date ({@code 2026-11-27}, midnight UTC), or a duration back from now ({@code 90s}, {@code 30m}, {@code 2h},
 * {@code 7d}). Pure: the caller passes now.
 */
public final class Since {
    private Since() {}

    /** @throws IllegalArgumentException with a message saying what is accepted */
    public static Instant parse(String value, Instant now) {
        String v = value.strip();
        Optional<Duration> back = DurationText.parse(v);
        if (back.isPresent()) {
            return now.minus(back.get());
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
