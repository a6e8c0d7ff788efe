package io.rootfleet.controller.playbook;

import io.rootfleet.model.MessageText;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.YamlEdit;
import io.rootfleet.model.yaml.YamlNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What gives each container of one entry its own values: a range in a value, which expands along with the range in
 * the name ({@code ipv4: 10.77.0.{11..22}/24} with {@code name: app-{01..12}}), and the placeholders
 * {@code {{name}}} (the container's name) and {@code {{index}}} (the number the name's range gave it, padded as in
 * the name). {@code \{{name}}} and {@code \{{index}}} stand for the text without the backslash; any other
 * {@code {{...}}} is left as written. Ranges are not expanded in file content, {@code init} and
 * {@code health.command}, where braces are often the text's own (a shell's {@code {1..5}}): placeholders are.
 */
final class InstanceValues {
    private static final Pattern RANGE = Pattern.compile("\\{([0-9]{1,9})\\.\\.([0-9]{1,9})}");
    private static final Pattern PLACEHOLDER = Pattern.compile("(\\\\?)\\{\\{\\s*(name|index)\\s*}}");
    /** Where a value's braces are likely its own text: there, only placeholders are replaced. */
    private static final Pattern NO_RANGES = Pattern.compile(
            "files\\[[0-9]+]\\.content|init\\[[0-9]+]|health\\.command\\[[0-9]+]");
    /** Stands in for a name that is missing or invalid (reported), so that the fields are still checked. */
    private static final NameRange STAND_IN = NameRange.read("unnamed-{1..1}");

    private final YamlNode fields;
    private final NameRange names;
    private final boolean varies;

    private InstanceValues(YamlNode fields, NameRange names, boolean varies) {
        this.fields = fields;
        this.names = names;
        this.varies = varies;
    }

    /**
     * The per-container values in {@code fields} of an entry whose name made {@code names} (null when the name
     * was missing or invalid: then the first value of each range stands in). Reports a range whose length is not
     * the name's, and {@code {{index}}} under a name without a range.
     */
    static InstanceValues read(YamlNode fields, NameRange names, Problems problems) {
        boolean[] varies = {false};
        YamlEdit.rewriteScalars(fields, (relative, value) -> { // a walk over every value, changing none
            String text = value.text();
            varies[0] |= check(relative, value, names, problems) || PLACEHOLDER.matcher(text).find();
            return text;
        });
        return new InstanceValues(fields, names == null ? STAND_IN : names, varies[0]);
    }

    /** Whether the containers differ beyond their names; if not, the fields are read once for all of them. */
    boolean varies() {
        return varies;
    }

    /** The fields of the {@code instance}-th container the name makes (counting from 0). */
    YamlNode fieldsOf(int instance) {
        String name = names.names().get(instance).value();
        String index = names.indexes().isEmpty() ? "" : names.indexes().get(instance);
        return YamlEdit.rewriteScalars(fields, (relative, value) ->
                placeholders(ranged(relative, value.text(), instance), name, index));
    }

    /** Checks the ranges and {@code {{index}}} of one value; true if it has a range to expand. */
    private static boolean check(String relative, YamlNode value, NameRange names, Problems problems) {
        String text = value.text();
        if (names != null && names.range().isEmpty()) {
            checkNoIndex(value, names.names().get(0).value(), problems);
        }
        Optional<ValueRange> found;
        try {
            found = ValueRange.in(relative, text);
        } catch (IllegalArgumentException e) {
            problems.add(value.location(), value.path() + ": " + e.getMessage());
            return true;
        }
        if (found.isEmpty()) {
            return false;
        }
        ValueRange range = found.get();
        if (names != null && range.values().size() != names.size()) {
            String made = "range " + range.written() + " makes " + count(range.values().size(), "value", "values");
            if (names.range().isPresent()) {
                problems.add(value.location(), value.path() + ": " + made + " but the name's range "
                        + names.range().get() + " makes " + count(names.size(), "name", "names")
                        + "; give both ranges the same length");
            } else {
                String name = names.names().get(0).value();
                problems.add(value.location(), value.path() + ": " + made + " but the name '" + name + "' makes"
                        + " one container; a range in a value expands along with a range in the name, like name: "
                        + name + "-{1.." + range.values().size() + "}");
            }
        }
        return true;
    }

    private static void checkNoIndex(YamlNode value, String name, Problems problems) {
        Matcher placeholder = PLACEHOLDER.matcher(value.text());
        while (placeholder.find()) {
            if (placeholder.group(1).isEmpty() && placeholder.group(2).equals("index")) {
                problems.add(value.location(), value.path() + ": {{index}} is the number the name's range gives each"
                        + " container, and the name '" + name + "' has no range; use {{name}}, or give the name a"
                        + " range like " + name + "-{1..3}");
                return;
            }
        }
    }

    /**
     * The text with its range, if it has one where ranges expand, replaced by the instance's number; a range that is
     * reported has its first bound stand in, so that the rest of the value is still checked.
     */
    private static String ranged(String relative, String text, int instance) {
        try {
            return ValueRange.in(relative, text).map(range -> range.expand(instance)).orElse(text);
        } catch (IllegalArgumentException e) {
            return RANGE.matcher(text).replaceAll("$1");
        }
    }

    private static String placeholders(String text, String name, String index) {
        if (text.indexOf("{{") < 0) {
            return text;
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (placeholder.find()) {
            String replacement;
            if (!placeholder.group(1).isEmpty()) {
                replacement = placeholder.group().substring(1);
            } else {
                replacement = placeholder.group(2).equals("name") ? name : index;
            }
            placeholder.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(result);
        return result.toString();
    }

    /** The one range of a value, where it is and the numbers it counts. */
    private record ValueRange(String text, MatchResult at, NameRange.Counting values) {

        /** The value's range; none if it has none or stands where ranges do not expand; throws if it has several. */
        static Optional<ValueRange> in(String relative, String text) {
            if (text.indexOf("..") < 0 || NO_RANGES.matcher(relative).matches()) {
                return Optional.empty();
            }
            List<MatchResult> found = RANGE.matcher(text).results().toList();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (found.size() > 1) {
                throw new IllegalArgumentException("'" + MessageText.printable(text) + "' has " + found.size()
                        + " ranges; a value may have one, which expands along with the name's");
            }
            MatchResult at = found.get(0);
            return Optional.of(new ValueRange(text, at, NameRange.Counting.of(at.group(1), at.group(2), "values")));
        }

        String written() {
            return at.group();
        }

        /** The value of the {@code instance}-th container; the first one's past the end (a length that differs is reported). */
        String expand(int instance) {
            String number = values.number(instance < values.size() ? instance : 0);
            return text.substring(0, at.start()) + number + text.substring(at.end());
        }
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
