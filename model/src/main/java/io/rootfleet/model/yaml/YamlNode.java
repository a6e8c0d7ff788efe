package io.rootfleet.model.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** A node of a parsed document that knows where it is: file, line, column and field path. */
public final class YamlNode {
    private final Node node;
    private final String source;
    private final String path;
    /** Paths where nodes moved into this tree by a {@link YamlEdit} were written; empty for a document as parsed. */
    private final Map<Node, String> origins;

    YamlNode(Node node, String source, String path) {
        this(node, source, path, Map.of());
    }

    private YamlNode(Node node, String source, String path, Map<Node, String> origins) {
        this.node = node;
        this.source = source;
        this.path = path;
        this.origins = origins;
    }

    public Location location() {
        return SafeYaml.locate(source, node.getStartMark());
    }

    /** The field path from the document root, e.g. {@code containers[2].mounts[0].source}. */
    public String path() {
        return path.isEmpty() ? "(document)" : path;
    }

    String source() {
        return source;
    }

    /** The path followed by a dot, or nothing at the document root, for naming children. */
    String childPrefix() {
        return path.isEmpty() ? "" : path + ".";
    }

    Node raw() {
        return node;
    }

    Map<Node, String> origins() {
        return origins;
    }

    /** Another node in this node's place: same path, with {@code origins} naming where its parts were written. */
    YamlNode replacedBy(Node replacement, Map<Node, String> origins) {
        return new YamlNode(replacement, source, path, origins);
    }

    public boolean isNull() {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    public boolean isScalar() {
        return node instanceof ScalarNode && !isNull();
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    /** The scalar's text as written (so {@code 0644} stays "0644" and {@code no} stays "no"). */
    public String text() {
        return ((ScalarNode) node).getValue();
    }

    Tag tag() {
        return node.getTag();
    }

    /** Reads this node as a mapping; records a problem and returns an empty one if it is not. */
    public YamlMap asMap(Problems problems) {
        if (checkTag(problems) && node instanceof MappingNode mapping) {
            return new YamlMap(this, mapping, problems);
        }
        if (!(node instanceof MappingNode)) {
            problems.add(location(), path() + ": expected a mapping (key: value lines), found " + kind());
        }
        return YamlMap.empty(this, problems);
    }

    /** Reads this node as a list; a problem and an empty list if it is not. */
    public List<YamlNode> asList(Problems problems) {
        if (!(node instanceof SequenceNode sequence)) {
            problems.add(location(), path() + ": expected a list, found " + kind());
            return List.of();
        }
        checkTag(problems);
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            items.add(child(sequence.getValue().get(i), path + "[" + i + "]"));
        }
        return items;
    }

    /** Reads this node as text; a problem and null if it is a list, mapping or null. */
    public String asText(Problems problems) {
        if (!isScalar()) {
            problems.add(location(), path() + ": expected a value, found " + kind());
            return null;
        }
        return checkTag(problems) ? text() : null;
    }

    /**
     * Converts this scalar with {@code parser}, which validates by throwing IllegalArgumentException; its
     * message becomes a problem at this node's location.
     */
    public <T> T as(Function<String, T> parser, Problems problems) {
        String text = asText(problems);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(location(), path() + ": " + e.getMessage());
            return null;
        }
    }

    /** A child node, named by {@code childPath} unless an edit moved it here from elsewhere. */
    YamlNode child(Node child, String childPath) {
        return new YamlNode(child, source, origins.getOrDefault(child, childPath), origins);
    }

    String kind() {
        if (isNull()) {
            return "nothing (null)";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + text() + "'";
    }

    private boolean checkTag(Problems problems) {
        if (!SafeYaml.PLAIN_TAGS.contains(node.getTag())) {
            problems.add(location(), path() + ": YAML tag " + node.getTag() + " is not allowed; remove it");
            return false;
        }
        return true;
    }
}
