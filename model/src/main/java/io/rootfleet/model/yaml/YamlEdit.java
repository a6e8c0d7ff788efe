package io.rootfleet.model.yaml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Builds mappings out of parts of a parsed document: merged or trimmed. Every value
 * keeps the location and path where it was written, so a problem found while reading the result points at
 * the line that caused it (e.g. {@code defaults.limits.memory}), and is the same problem however many
 * results share that line. The inputs are never changed.
 */
public final class YamlEdit {

    private YamlEdit() {}

    /**
     * {@code override} laid over {@code base}. Where both hold a mapping, the two merge key by key, all the
     * way down; anywhere else the override's value replaces the base's: a scalar, a list, or an explicit null
     * (which so unsets a base value). Keys keep the base's order; keys only the override has follow. The
     * result stands where {@code override} stands.
     */
    public static YamlNode merge(YamlNode base, YamlNode override) {
        Map<Node, String> origins = new IdentityHashMap<>(base.origins());
        origins.putAll(override.origins());
        return override.replacedBy(merge(base, override, origins), origins);
    }

    /** {@code mapping} without the entries at {@code keys}; anything but a mapping is returned as it is. */
    public static YamlNode without(YamlNode mapping, Collection<String> keys) {
        if (!(mapping.raw() instanceof MappingNode m)) {
            return mapping;
        }
        List<NodeTuple> kept = new ArrayList<>();
        for (NodeTuple tuple : m.getValue()) {
            if (!keys.contains(keyName(tuple))) {
                kept.add(tuple);
            }
        }
        return mapping.replacedBy(copy(m, kept), mapping.origins());
    }

    private static Node merge(YamlNode base, YamlNode override, Map<Node, String> origins) {
        if (!isPlainMapping(base) || !isPlainMapping(override)) {
            return override.raw();
        }
        List<NodeTuple> tuples = new ArrayList<>();
        Map<String, YamlNode> baseValues = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        for (NodeTuple tuple : ((MappingNode) base.raw()).getValue()) {
            String key = keyName(tuple);
            if (key != null) {
                YamlNode value = base.child(tuple.getValueNode(), base.childPrefix() + key);
                origins.put(value.raw(), value.path());
                baseValues.put(key, value);
                positions.put(key, tuples.size());
            }
            tuples.add(tuple);
        }
        for (NodeTuple tuple : ((MappingNode) override.raw()).getValue()) {
            String key = keyName(tuple);
            if (key == null) {
                tuples.add(tuple);
                continue;
            }
            YamlNode value = override.child(tuple.getValueNode(), override.childPrefix() + key);
            Node merged = baseValues.containsKey(key) ? merge(baseValues.get(key), value, origins) : value.raw();
            origins.put(merged, value.path());
            NodeTuple entry = new NodeTuple(tuple.getKeyNode(), merged);
            if (positions.containsKey(key)) {
                tuples.set(positions.get(key), entry);
            } else {
                tuples.add(entry);
            }
        }
        return copy((MappingNode) override.raw(), tuples);
    }

    private static boolean isPlainMapping(YamlNode node) {
        return node.raw() instanceof MappingNode && node.raw().getTag().equals(Tag.MAP);
    }

    /** The key's text when it is a plain name, else null (such keys are reported by {@link YamlMap}). */
    private static String keyName(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private static MappingNode copy(MappingNode original, List<NodeTuple> tuples) {
        return new MappingNode(original.getTag(), true, tuples, original.getStartMark(), original.getEndMark(),
                original.getFlowStyle());
    }
}
