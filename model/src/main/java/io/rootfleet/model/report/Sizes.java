package io.rootfleet.model.report;

import java.util.Locale;

/** Byte counts for people: 512B, 4.0K, 16K, 1.2G (binary units, like du -h). */
public final class Sizes {

    private Sizes() {}

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"K", "M", "G", "T"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f%s" : "%.0f%s", value, units[unit]);
    }
}
