package io.rootfleet.controller.playbook;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.MessageText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container name with at most one numeric range, expanded the way a shell does: {@code db-{1..3}} is db-1,
 * db-2, db-3; {@code web-{01..50}} is web-01 to web-50, since a bound written with a leading zero pads every
 * number to the width of the wider bound. A name without braces is just itself.
 *
 * @param range the range as written, e.g. {@code {01..50}}; empty for a name without one
 * @param indexes the number the range gave each name, as it appears in the name ("07"); empty without a range
 * @param names the names, in counting order
 */
record NameRange(Optional<String> range, List<String> indexes, List<ContainerName> names) {
    static final int MAX_NAMES = 10_000;
    private static final Pattern ONE_RANGE = Pattern.compile("([^{}]*)\\{([^{}]*)}([^{}]*)");
    private static final Pattern BOUNDS = Pattern.compile("([0-9]{1,9})\\.\\.([0-9]{1,9})");

    NameRange {
        indexes = List.copyOf(indexes);
        names = List.copyOf(names);
    }

    /** The names {@code pattern} stands for, in counting order; throws saying what to write instead. */
    static List<ContainerName> expand(String pattern) {
        return read(pattern).names();
    }

    /** The names {@code pattern} stands for and the range that made them; throws saying what to write instead. */
    static NameRange read(String pattern) {
        if (pattern.indexOf('{') < 0 && pattern.indexOf('}') < 0) {
            return new NameRange(Optional.empty(), List.of(), List.of(new ContainerName(pattern)));
        }
        String shown = MessageText.printable(pattern);
        Matcher range = ONE_RANGE.matcher(pattern);
        if (!range.matches()) {
            throw new IllegalArgumentException("name '" + shown + "' has more than one range or an unpaired brace;"
                    + " write at most one range, like web-{01..50}");
        }
        String body = "{" + MessageText.printable(range.group(2)) + "}";
        Matcher bounds = BOUNDS.matcher(range.group(2));
        if (!bounds.matches()) {
            throw new IllegalArgumentException("range " + body + " is not two whole numbers; write it like {1..3}"
                    + " or {01..50}");
        }
        List<String> indexes = count(bounds.group(1), bounds.group(2), "names");
        List<ContainerName> names = new ArrayList<>(indexes.size());
        for (String index : indexes) {
            try {
                names.add(new ContainerName(range.group(1) + index + range.group(3)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("name '" + shown + "' makes invalid names: " + e.getMessage());
            }
        }
        return new NameRange(Optional.of(body), indexes, names);
    }

    /**
     * The numbers {@code {from..to}} counts, each padded to the wider bound's width when a bound is written with a
     * leading zero; throws when it counts down or makes more than {@value #MAX_NAMES} {@code things}.
     */
    static List<String> count(String from, String to, String things) {
        Counting counting = Counting.of(from, to, things);
        List<String> numbers = new ArrayList<>(counting.size());
        for (int i = 0; i < counting.size(); i++) {
            numbers.add(counting.number(i));
        }
        return numbers;
    }

    /** What a range {@code {first..last}} counts, without writing every number down. */
    record Counting(int first, int last, String format) {

        /** The range from {@code from} to {@code to} as written; throws as {@link NameRange#count} says. */
        static Counting of(String from, String to, String things) {
            int first = Integer.parseInt(from);
            int last = Integer.parseInt(to);
            String body = "{" + from + ".." + to + "}";
            if (first > last) {
                throw new IllegalArgumentException("range " + body + " counts down; write the smaller number first,"
                        + " like {" + to + ".." + from + "}");
            }
            if (last - first + 1 > MAX_NAMES) {
                throw new IllegalArgumentException("range " + body + " makes " + (last - first + 1) + " " + things
                        + "; one entry may make at most " + MAX_NAMES);
            }
            boolean padded = isPadded(from) || isPadded(to);
            return new Counting(first, last, padded ? "%0" + Math.max(from.length(), to.length()) + "d" : "%d");
        }

        int size() {
            return last - first + 1;
        }

        /** The {@code i}-th number (counting from 0), as written. */
        String number(int i) {
            return String.format(Locale.ROOT, format, first + i);
        }
    }

    /** How many containers the name makes. */
    int size() {
        return names.size();
    }

    private static boolean isPadded(String bound) {
        return bound.length() > 1 && bound.charAt(0) == '0';
    }
}
