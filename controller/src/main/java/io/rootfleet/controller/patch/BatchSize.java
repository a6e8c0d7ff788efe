package io.rootfleet.controller.patch;

import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many go at once, written as Ansible's {@code serial} is: a count ({@code 5}) or a share of the whole
 * ({@code 25%}), rounded down but never below 1. The last batch takes what is left.
 *
 * @param count the count, or 0 for a share
 * @param percent the share, 1 to 100, or 0 for a count
 */
public record BatchSize(int count, int percent) {
    /** Everything in one batch. */
    public static final BatchSize ALL = new BatchSize(0, 100);

    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})(%?)");

    public BatchSize {
        if ((count > 0) == (percent > 0) || count < 0 || percent < 0 || percent > 100) {
            throw new IllegalArgumentException("a batch size is a count from 1 or a percentage from 1 to 100, not "
                    + count + "/" + percent + "%");
        }
    }

    /**
     * Reads {@code N} or {@code P%} given to {@code option}.
     *
     * @param unit what is counted, for the message: "hosts", "containers"
     * @throws InvalidInputException naming the option and what to give instead
     */
    public static BatchSize parse(String text, String option, String unit) {
        Matcher m = FORM.matcher(text.strip());
        if (m.matches()) {
            int value = Integer.parseInt(m.group(1));
            boolean share = !m.group(2).isEmpty();
            if (value >= 1 && (!share || value <= 100)) {
                return share ? new BatchSize(0, value) : new BatchSize(value, 0);
            }
        }
        throw new InvalidInputException(Location.of(option), "'" + text + "' is not a batch size; give a number of " + unit
                + " from 1 (e.g. 2) or a percentage of them from 1% to 100% (e.g. 25%)");
    }

    /** The size of each batch out of {@code total}. */
    public int of(int total) {
        return count > 0 ? count : Math.max(1, (int) ((long) total * percent / 100));
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
        return count > 0 ? String.valueOf(count) : percent + "%";
    }
}
