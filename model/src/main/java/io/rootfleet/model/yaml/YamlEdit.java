package io.rootfleet.model.yaml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Builds mappings out of parts of a parsed document: merged, trimmed, with a list joined from several, or with
 * values rewritten. Every value
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

    /**
     * {@code mapping} with the value at {@code key} replaced by a list of {@code items}, each still located and
     * named where it was written, so that items of several lists can be joined into one. The key is added when
     * the mapping lacks it; anything but a mapping is returned as it is.
     */
    public static YamlNode withList(YamlNode mapping, String key, List<YamlNode> items) {
        if (!(mapping.raw() instanceof MappingNode m)) {
            return mapping;
        }
        Map<Node, String> origins = new IdentityHashMap<>(mapping.origins());
        List<Node> values = new ArrayList<>();
        for (YamlNode item : items) {
            origins.putAll(item.origins());
            origins.put(item.raw(), item.path());
            values.add(item.raw());
        }
        List<NodeTuple> tuples = new ArrayList<>();
        boolean replaced = false;
        for (NodeTuple tuple : m.getValue()) {
            boolean match = key.equals(keyName(tuple));
            tuples.add(match ? new NodeTuple(tuple.getKeyNode(), sequence(values, tuple.getValueNode())) : tuple);
            replaced |= match;
        }
        if (!replaced) {
            tuples.add(new NodeTuple(new ScalarNode(Tag.STR, key, m.getStartMark(), m.getEndMark(),
                    DumperOptions.ScalarStyle.PLAIN), sequence(values, m)));
        }
        return mapping.replacedBy(copy(m, tuples), origins);
    }

    /** What a scalar value becomes: given where it is below the rewritten node (e.g. {@code files[0].content}). */
    @FunctionalInterface
    public interface ScalarRewrite {
        String rewrite(String relativePath, YamlNode value);
    }

    /**
     * {@code node} with every scalar value (not the keys, not nulls) replaced by what {@code rewrite} makes of it,
     * still located and named where it was written. Parts that nothing changed are shared, not copied; a node
     * that nothing changed is returned as it is.
     */
    public static YamlNode rewriteScalars(YamlNode node, ScalarRewrite rewrite) {
        Map<Node, String> origins = new IdentityHashMap<>(node.origins());
        Node rewritten = rewrite(node, "", rewrite, origins);
        return rewritten == node.raw() ? node : node.replacedBy(rewritten, origins);
    }

    private static Node rewrite(YamlNode node, String relative, ScalarRewrite rewrite, Map<Node, String> origins) {
        Node raw = node.raw();
        Node result = raw;
        if (raw instanceof ScalarNode scalar && !node.isNull()) {
            String text = rewrite.rewrite(relative, node);
            if (!text.equals(scalar.getValue())) {
                result = new ScalarNode(scalar.getTag(), text, scalar.getStartMark(), scalar.getEndMark(),
                        scalar.getScalarStyle());
            }
        } else if (raw instanceof SequenceNode sequence) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                String index = "[" + i + "]";
                YamlNode item = node.child(sequence.getValue().get(i), node.path() + index);
                items.add(rewrite(item, relative + index, rewrite, origins));
            }
            if (!sameNodes(items, sequence.getValue())) {
                result = new SequenceNode(sequence.getTag(), true, items, sequence.getStartMark(),
                        sequence.getEndMark(), sequence.getFlowStyle());
            }
        } else if (raw instanceof MappingNode mapping) {
            List<NodeTuple> tuples = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = keyName(tuple);
                Node value = tuple.getValueNode();
                if (key != null) {
                    YamlNode child = node.child(value, node.childPrefix() + key);
                    value = rewrite(child, relative.isEmpty() ? key : relative + "." + key, rewrite, origins);
                }
                tuples.add(value == tuple.getValueNode() ? tuple : new NodeTuple(tuple.getKeyNode(), value));
            }
            if (!sameNodes(tuples, mapping.getValue())) {
                result = copy(mapping, tuples);
            }
        }
        if (result != raw && !relative.isEmpty()) {
            origins.put(result, node.path());
        }
        return result;
    }

    private static boolean sameNodes(List<?> a, List<?> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static SequenceNode sequence(List<Node> values, Node at) {
        return new SequenceNode(Tag.SEQ, true, values, at.getStartMark(), at.getEndMark(),
                DumperOptions.FlowStyle.BLOCK);
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
