package io.rootfleet.model.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A mapping being read field by field. Each accessor marks its key as known; {@link #finish()} reports
 * every key nobody asked for, with a suggestion when it looks like a typo of a known one.
 */
public final class YamlMap {
    private final YamlNode node;
    private final Problems problems;
    private final Map<String, YamlNode> values = new LinkedHashMap<>();
    private final Map<String, YamlNode> keys = new LinkedHashMap<>();
    private final List<String> known = new ArrayList<>();

    YamlMap(YamlNode node, MappingNode mapping, Problems problems) {
        this.node = node;
        this.problems = problems;
        String prefix = node.childPrefix();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlNode key = node.child(tuple.getKeyNode(), prefix + "?");
            if (!(tuple.getKeyNode() instanceof ScalarNode scalar) || tuple.getKeyNode().getTag().equals(Tag.NULL)) {
                problems.add(key.location(), node.path() + ": keys must be plain names, found " + key.kind());
                continue;
            }
            String name = scalar.getValue();
            if (name.equals("<<")) {
                problems.add(key.location(), node.path() + ": YAML merge keys (<<) are not supported; "
                        + "repeat the fields or use the playbook's defaults and profiles");
                continue;
            }
            if (values.containsKey(name)) {
                problems.add(key.location(), prefix + name + ": duplicate key; it is already set at line "
                        + keys.get(name).location().line() + ". Remove one of them");
                continue;
            }
            keys.put(name, key);
            values.put(name, node.child(tuple.getValueNode(), prefix + name));
        }
    }

    private YamlMap(YamlNode node, Problems problems) {
        this.node = node;
        this.problems = problems;
    }

    static YamlMap empty(YamlNode node, Problems problems) {
        return new YamlMap(node, problems);
    }

    public YamlNode node() {
        return node;
    }

    public Problems problems() {
        return problems;
    }

    /** The value at {@code key}, absent if the key is missing or explicitly null. */
    public Optional<YamlNode> get(String key) {
        known.add(key);
        YamlNode value = values.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public boolean has(String key) {
        return values.containsKey(key) && !values.get(key).isNull();
    }

    public YamlNode require(String key) {
        Optional<YamlNode> value = get(key);
        if (value.isEmpty()) {
            problems.add(node.location(), fieldPath(key) + ": required field is missing");
        }
        return value.orElse(null);
    }

    public String requireText(String key) {
        YamlNode value = require(key);
        return value == null ? null : value.asText(problems);
    }

    public Optional<String> text(String key) {
        return get(key).map(v -> v.asText(problems));
    }

    public <T> T require(String key, Function<String, T> parser) {
        YamlNode value = require(key);
        return value == null ? null : value.as(parser, problems);
    }

    public <T> Optional<T> optional(String key, Function<String, T> parser) {
        return get(key).map(v -> v.as(parser, problems));
    }

    public boolean bool(String key, boolean fallback) {
        Optional<YamlNode> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        YamlNode v = value.get();
        if (!v.isScalar() || !v.tag().equals(Tag.BOOL)) {
            problems.add(v.location(), v.path() + ": expected true or false, found " + v.kind());
            return fallback;
        }
        return Boolean.parseBoolean(v.text().toLowerCase(java.util.Locale.ROOT))
                || v.text().equalsIgnoreCase("yes") || v.text().equalsIgnoreCase("on");
    }

    public List<YamlNode> list(String key) {
        return get(key).map(v -> v.asList(problems)).orElse(List.of());
    }

    public Optional<YamlMap> map(String key) {
        return get(key).map(v -> v.asMap(problems));
    }

    /** Every entry, for mappings whose keys are data (e.g. environment variables), not field names. */
    public Map<String, YamlNode> entries() {
        known.addAll(values.keySet());
        return values;
    }

    public Location locationOf(String key) {
        YamlNode key0 = keys.get(key);
        return key0 == null ? node.location() : key0.location();
    }

    /** Reports the keys that no accessor asked for. */
    public void finish() {
        for (Map.Entry<String, YamlNode> entry : keys.entrySet()) {
            if (!known.contains(entry.getKey())) {
                String name = entry.getKey();
                String hint = closest(name).map(k -> "; did you mean '" + k + "'?").orElse(".");
                problems.add(entry.getValue().location(), values.get(name).path() + ": unknown field" + hint
                        + " Known fields here: " + String.join(", ", known.stream().distinct().sorted().toList()));
            }
        }
    }

    private String fieldPath(String key) {
        return node.childPrefix() + key;
    }

    private Optional<String> closest(String name) {
        return known.stream()
                .distinct()
                .filter(k -> distance(k.toLowerCase(), name.toLowerCase()) <= Math.max(1, k.length() / 3))
                .min(Comparator.comparingInt(k -> distance(k.toLowerCase(), name.toLowerCase())));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
