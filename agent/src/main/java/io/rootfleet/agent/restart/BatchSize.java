package io.rootfleet.agent.restart;

/**
 * How many containers a rolling restart takes down at once: a count ({@code 5}) or a share of the containers
 * to restart ({@code 25%}), rounded down and never below one, so a percentage never takes more down than it
 * says.
 */
public record BatchSize(int value, boolean percent) {

    public BatchSize {
        if (value < 1 || (percent && value > 100)) {
            throw new IllegalArgumentException(percent
                    ? "batch size " + value + "% is not between 1% and 100%"
                    : "batch size " + value + " is not at least 1");
        }
    }

    /** Parses {@code N} or {@code P%}. */
    public static BatchSize parse(String text) {
        String t = text.strip();
        boolean percent = t.endsWith("%");
        String digits = percent ? t.substring(0, t.length() - 1) : t;
        if (!digits.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a batch size; give a count like 5 or a share of the"
                    + " containers like 25%");
        }
        return new BatchSize(Integer.parseInt(digits), percent);
    }

    /** The number of containers per batch when {@code total} containers are to be restarted. */
    public int of(int total) {
        int size = percent ? (int) ((long) total * value / 100) : value;
        return Math.max(1, Math.min(size, Math.max(total, 1)));
    }

    @Override
    public String toString() {
        return value + (percent ? "%" : "");
    }
}
