package io.rootfleet.controller.ssh;

import java.time.Duration;

/** Durations as people write them in messages and options: 500ms, 10s, 1.5s, 2m30s, 48h. */
public final class Durations {
    private Durations() {}

    public static String human(Duration duration) {
        if (duration.isNegative()) {
            return "-" + human(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis < 1000 && millis != 0) {
            return millis + "ms";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toHours(), "h");
        append(text, duration.toMinutesPart(), "m");
        long seconds = duration.toSecondsPart();
        int fraction = duration.toMillisPart();
        if (seconds != 0 || fraction != 0 || text.length() == 0) {
            text.append(seconds);
            if (fraction != 0) {
                text.append('.').append(String.format("%03d", fraction).replaceAll("0+$", ""));
            }
            text.append('s');
        }
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }
}
