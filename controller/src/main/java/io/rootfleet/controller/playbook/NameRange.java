package io.rootfleet.controller.playbook;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.MessageText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a container name with at most one numeric range, the way a shell does: {@code db-{1..3}} is db-1,
 * db-2, db-3; {@code web-{01..50}} is web-01 to web-50, since a bound written with a leading zero pads every
 * number to the width of the wider bound. A name without braces is just itself.
 */
final class NameRange {
    static final int MAX_NAMES = 10_000;
    private static final Pattern ONE_RANGE = Pattern.compile("([^{}]*)\\{([^{}]*)}([^{}]*)");
    private static final Pattern BOUNDS = Pattern.compile("([0-9]{1,9})\\.\\.([0-9]{1,9})");

    private NameRange() {}

    /** The names {@code pattern} stands for, in counting order; throws saying what to write instead. */
    static List<ContainerName> expand(String pattern) {
        if (pattern.indexOf('{') < 0 && pattern.indexOf('}') < 0) {
            return List.of(new ContainerName(pattern));
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
        String from = bounds.group(1);
        String to = bounds.group(2);
        int first = Integer.parseInt(from);
        int last = Integer.parseInt(to);
        if (first > last) {
            throw new IllegalArgumentException("range " + body + " counts down; write the smaller number first,"
                    + " like {" + to + ".." + from + "}");
        }
        if (last - first + 1 > MAX_NAMES) {
            throw new IllegalArgumentException("range " + body + " makes " + (last - first + 1) + " names; one"
                    + " entry may make at most " + MAX_NAMES);
        }
        String format = isPadded(from) || isPadded(to) ? "%0" + Math.max(from.length(), to.length()) + "d" : "%d";
        List<ContainerName> names = new ArrayList<>(last - first + 1);
        for (int i = first; i <= last; i++) {
            String name = range.group(1) + String.format(Locale.ROOT, format, i) + range.group(3);
            try {
                names.add(new ContainerName(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("name '" + shown + "' makes invalid names: " + e.getMessage());
            }
        }
        return names;
    }

    private static boolean isPadded(String bound) {
        return bound.length() > 1 && bound.charAt(0) == '0';
    }
}
