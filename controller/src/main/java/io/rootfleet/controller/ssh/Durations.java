package io.rootfleet.controller.ssh;

import java.time.Duration;

/** Durations as people write them in messages and options: 500ms, 10s, 2m30s. */
final class Durations {
    private Durations() {}

    static String human(Duration duration) {
        if (duration.isNegative()) {
            return "-" + human(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis < 1000 && millis != 0) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        long minutes = seconds / 60;
        StringBuilder text = new StringBuilder();
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (seconds % 60 != 0 || minutes == 0) {
            text.append(seconds % 60);
            if (millis % 1000 != 0) {
                text.append('.').append(String.format("%03d", millis % 1000).replaceAll("0+$", ""));
            }
            text.append('s');
        }
        return text.toString();
    }
}
