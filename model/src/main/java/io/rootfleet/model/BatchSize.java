package io.rootfleet.model;

import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * How many go at once, written as Ansible's {@code serial} is: a count ({@code 5}) or a share of the whole
 * ({@code 25%}). The controller's {@code patch --serial} and {@code --batch} and the agent's {@code restart
 * --batch} read it.
 *
 * <p>A batch is never empty and never larger than the whole: a share is rounded down but never below one, and
 * a count larger than what there is takes all of it ({@link #of(int)}). So a percentage never takes down more
 * than it says, and the last batch of {@link #split(List)} takes what is left.
 */
public record BatchSize(int value, boolean percent) {
    /** Everything in one batch. */
    public static final BatchSize ALL = new BatchSize(100, true);

    public BatchSize {
        if (value < 1 || (percent && value > 100)) {
            throw new IllegalArgumentException(percent
                    ? "batch size " + value + "% is not between 1% and 100%"
                    : "batch size " + value + " is not at least 1");
        }
    }

    /**
     * Reads {@code N} or {@code P%}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
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

    /**
     * Reads {@code N} or {@code P%} given to {@code option}.
     *
     * @param unit what is counted, for the message: "hosts", "containers"
     * @throws InvalidInputException naming the option and what to give instead
     */
    public static BatchSize parse(String text, String option, String unit) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Location.of(option), "'" + text + "' is not a batch size; give a number of "
                    + unit + " from 1 (e.g. 2) or a percentage of them from 1% to 100% (e.g. 25%)");
        }
    }

    /** The size of each batch out of {@code total}: at least 1, at most {@code total} (when there is any). */
    public int of(int total) {
        int size = percent ? (int) ((long) total * value / 100) : value;
        return Math.max(1, Math.min(size, Math.max(total, 1)));
    }

    /** {@code items} in batches of this size, in their order. */
    public <T> List<List<T>> split(List<T> items) {
        int size = of(items.size());
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
        }
        return batches;
    }

    @Override
    public String toString() {
        return value + (percent ? "%" : "");
    }
}
