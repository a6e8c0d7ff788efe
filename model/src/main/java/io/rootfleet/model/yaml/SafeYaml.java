package io.rootfleet.model.yaml;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML (and so JSON, which YAML contains) as untrusted input: bounded size, depth and aliases, no
 * custom tags. Returns a location-aware tree; binding to records happens in the readers that use it.
 */
public final class SafeYaml {
    /** Largest document accepted, in bytes. A playbook for hundreds of containers is a few hundred KiB. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.NULL, Tag.FLOAT, Tag.MAP, Tag.SEQ, Tag.TIMESTAMP);

    private SafeYaml() {}

    public static YamlNode parse(byte[] bytes, String source) {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException(
                    Location.of(source),
                    "the document is " + bytes.length + " bytes; the limit is " + MAX_BYTES
                            + " bytes. Split it into several files.");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), source);
    }

    public static YamlNode parse(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(MAX_BYTES);
        options.setProcessComments(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw YamlSyntaxError.of(source, e);
        } catch (YAMLException e) {
            throw new InvalidInputException(Location.of(source), "invalid YAML: " + YamlSyntaxError.oneLine(e.getMessage()));
        }
        if (root == null) {
            throw new InvalidInputException(Location.of(source), "the document is empty");
        }
        return new YamlNode(root, source, "");
    }

    static Location locate(String source, Mark mark) {
        return mark == null ? Location.of(source) : new Location(source, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
