package io.rootfleet.agent.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: it fails on anything the format (or
 * Prometheus' own parser) would refuse. HELP/TYPE syntax; a TYPE at most once per family and before its samples;
 * the samples of a family together; metric and label names; label value escapes; float values (NaN, +Inf, -Inf);
 * no duplicate series; every sample in a declared family with the suffixes its type allows; histogram buckets with
 * an le label, ascending and cumulative, ending in +Inf equal to _count, and _sum/_count present.
 */
public final class PrometheusTextParser {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? ([^ ]+)( -?\\d+)?");
    private static final Pattern LABEL_PAIR = Pattern.compile("\\s*(" + LABEL + ")=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"\\s*(,|$)");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|NaN|[+-]Inf");

    private PrometheusTextParser() {}

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    /** What a text holds: types by family, samples in order. */
    public record Exposition(Map<String, String> types, List<Sample> samples) {
        public String type(String family) {
            return types.get(family);
        }

        public Set<String> families() {
            return types.keySet();
        }

        /** The value of the one sample with exactly these labels; fails when there is none. */
        public double value(String name, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
                    .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in " + samples))
                    .value();
        }
    }

    public static Exposition parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the exposition does not end with a newline");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> helped = new LinkedHashSet<>();
        Set<String> closed = new LinkedHashSet<>();
        Set<String> series = new LinkedHashSet<>();
        List<Sample> samples = new ArrayList<>();
        String current = null;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + ": " + line;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher help = HELP.matcher(line);
                Matcher type = TYPE.matcher(line);
                if (line.startsWith("# HELP ")) {
                    if (!help.matches() || !helped.add(help.group(1)) || !validEscapes(help.group(2), false)) {
                        throw new AssertionError("bad or repeated HELP, " + where);
                    }
                    current = switchTo(current, help.group(1), closed, where);
                } else if (line.startsWith("# TYPE ")) {
                    if (!type.matches() || types.containsKey(type.group(1))) {
                        throw new AssertionError("bad or repeated TYPE, " + where);
                    }
                    if (samples.stream().anyMatch(s -> familyOf(s.name(), Map.of(type.group(1), type.group(2))) != null)) {
                        throw new AssertionError("TYPE after samples of its family, " + where);
                    }
                    types.put(type.group(1), type.group(2));
                    current = switchTo(current, type.group(1), closed, where);
                }
                continue; // any other # line is a comment
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a sample, " + where);
            }
            Map<String, String> labels = labels(m.group(3), where);
            if (!FLOAT.matcher(m.group(4)).matches()) {
                throw new AssertionError("not a float value, " + where);
            }
            double value = Double.parseDouble(m.group(4).replace("Inf", "Infinity"));
            String family = familyOf(m.group(1), types);
            if (family == null) {
                throw new AssertionError("a sample outside every declared family, " + where);
            }
            current = switchTo(current, family, closed, where);
            if (!series.add(m.group(1) + new TreeMap<>(labels))) {
                throw new AssertionError("duplicate series, " + where);
            }
            samples.add(new Sample(m.group(1), labels, value));
        }
        types.forEach((family, type) -> {
            if (type.equals("histogram")) {
                checkHistogram(family, samples);
            }
        });
        return new Exposition(types, samples);
    }

    private static String switchTo(String current, String family, Set<String> closed, String where) {
        if (family.equals(current)) {
            return current;
        }
        if (current != null) {
            closed.add(current);
        }
        if (closed.contains(family)) {
            throw new AssertionError("the lines of family " + family + " are not together, " + where);
        }
        return family;
    }

    /** The declared family a sample name belongs to, with the suffixes its type allows; null when none. */
    private static String familyOf(String name, Map<String, String> types) {
        for (Map.Entry<String, String> t : types.entrySet()) {
            String f = t.getKey();
            List<String> allowed = switch (t.getValue()) {
                case "histogram" -> List.of(f + "_bucket", f + "_sum", f + "_count");
                case "summary" -> List.of(f, f + "_sum", f + "_count");
                case "counter" -> List.of(f, f + "_total");
                default -> List.of(f);
            };
            if (allowed.contains(name)) {
                return f;
            }
        }
        return null;
    }

    private static Map<String, String> labels(String body, String where) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return labels;
        }
        Matcher pair = LABEL_PAIR.matcher(body);
        int at = 0;
        while (at < body.length()) {
            if (!pair.find(at) || pair.start() != at) {
                throw new AssertionError("bad labels, " + where);
            }
            if (labels.put(pair.group(1), unescape(pair.group(2))) != null) {
                throw new AssertionError("repeated label " + pair.group(1) + ", " + where);
            }
            at = pair.end();
        }
        return labels;
    }

    private static boolean validEscapes(String s, boolean quotes) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                if (i + 1 >= s.length() || "\\n".indexOf(s.charAt(i + 1)) < 0 && !(quotes && s.charAt(i + 1) == '"')) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static void checkHistogram(String family, List<Sample> samples) {
        List<Sample> buckets = samples.stream().filter(s -> s.name().equals(family + "_bucket")).toList();
        double previousLe = Double.NEGATIVE_INFINITY;
        double previousCount = 0;
        for (Sample b : buckets) {
            String le = b.labels().get("le");
            if (le == null || !FLOAT.matcher(le).matches()) {
                throw new AssertionError(family + ": a bucket without a float le label: " + b);
            }
            double bound = Double.parseDouble(le.replace("Inf", "Infinity"));
            if (bound <= previousLe || b.value() < previousCount) {
                throw new AssertionError(family + ": buckets not ascending and cumulative at " + b);
            }
            previousLe = bound;
            previousCount = b.value();
        }
        if (buckets.isEmpty() || previousLe != Double.POSITIVE_INFINITY) {
            throw new AssertionError(family + ": no +Inf bucket");
        }
        Sample count = samples.stream().filter(s -> s.name().equals(family + "_count")).findFirst()
                .orElseThrow(() -> new AssertionError(family + ": no _count"));
        samples.stream().filter(s -> s.name().equals(family + "_sum")).findFirst()
                .orElseThrow(() -> new AssertionError(family + ": no _sum"));
        if (count.value() != previousCount) {
            throw new AssertionError(family + ": the +Inf bucket " + previousCount + " is not _count " + count.value());
        }
    }
}
