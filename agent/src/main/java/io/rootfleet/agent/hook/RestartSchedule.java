package io.rootfleet.agent.hook;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When this host's hook may restart: inside its window (any time without one), not before the window's opening
 * plus this host's jitter. Pure: the caller gives the time.
 *
 * @param window the restart window, empty for any time
 * @param delay this host's jitter ({@link Jitter#of}); shorter than the window
 */
public record RestartSchedule(Optional<RestartWindow> window, Duration delay) {
    public static final RestartSchedule ANY_TIME = new RestartSchedule(Optional.empty(), Duration.ZERO);

    /** What to do at {@code now}. */
    public sealed interface Decision {}

    /** Restart now. */
    public record Now() implements Decision {}

    /** Inside the window (or without one), but this host's delay has not passed yet: wait until {@code at}, then restart. */
    public record WaitUntil(ZonedDateTime at) implements Decision {}

    /** Outside the window: record a pending restart for {@code at} (the next opening plus the delay). */
    public record Defer(ZonedDateTime at) implements Decision {}

    /**
     * @param changed when the packages changed (the settle started): without a window, the delay counts from there
     */
    public Decision decide(ZonedDateTime now, ZonedDateTime changed) {
        if (window.isEmpty()) {
            ZonedDateTime at = changed.plus(delay);
            return now.isBefore(at) ? new WaitUntil(at) : new Now();
        }
        Optional<ZonedDateTime> opened = window.get().openedAt(now);
        if (opened.isPresent()) {
            ZonedDateTime at = opened.get().plus(delay);
            return now.isBefore(at) ? new WaitUntil(at) : new Now();
        }
        return new Defer(window.get().nextOpening(now).plus(delay));
    }
}
