package io.rootfleet.controller.playbook;

import io.rootfleet.model.MessageText;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.YamlEdit;
import io.rootfleet.model.yaml.YamlMap;
import io.rootfleet.model.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container fields a playbook's entries inherit: {@code defaults} for every entry, and the named sets under
 * {@code profiles} for the entries that name one. An entry's fields are laid over its profile's, and those over
 * the defaults, with {@link YamlEdit#merge}, and some lists joined ({@link ListLayers}); so a problem in an inherited
 * value is reported where it was written.
 */
final class ContainerLayers {
    /** Keys that only a container entry itself may set. */
    static final List<String> ENTRY_KEYS = List.of("name", "profile", "host", "hosts", "group");

    private final Optional<YamlNode> defaults;
    /** By name; null for a profile that is not a mapping (reported), so that naming it is not reported too. */
    private final Map<String, YamlNode> profiles;
    private final Problems problems;

    private ContainerLayers(Optional<YamlNode> defaults, Map<String, YamlNode> profiles, Problems problems) {
        this.defaults = defaults;
        this.profiles = profiles;
        this.problems = problems;
    }

    static ContainerLayers read(YamlMap doc) {
        Problems problems = doc.problems();
        Optional<YamlNode> defaults = doc.get("defaults").map(node -> layer(node, problems));
        Map<String, YamlNode> profiles = new LinkedHashMap<>();
        doc.map("profiles").ifPresent(map -> map.entries().forEach((name, node) -> {
            try {
                new ProfileLabel(name);
            } catch (IllegalArgumentException e) {
                problems.add(map.locationOf(name), node.path() + ": " + e.getMessage());
            }
            profiles.put(name, layer(node, problems));
        }));
        return new ContainerLayers(defaults, profiles, problems);
    }

    /** The profile an entry names, if it names one; an unknown name is reported. */
    Optional<YamlNode> profileOf(YamlMap entry) {
        Optional<YamlNode> reference = entry.get("profile");
        String name = reference.map(node -> node.asText(problems)).orElse(null);
        if (name == null) {
            return Optional.empty();
        }
        if (!profiles.containsKey(name)) {
            YamlNode at = reference.get();
            problems.add(at.location(), at.path() + ": unknown profile '" + MessageText.printable(name) + "'; "
                    + (profiles.isEmpty() ? "this playbook has no profiles" : "known profiles: "
                            + Names.list(profiles.keySet())));
        }
        return Optional.ofNullable(profiles.get(name));
    }

    /** {@code fields} laid over {@code profile}'s fields, laid over the defaults, lists joined as {@link ListLayers} says. */
    YamlNode under(YamlNode fields, Optional<YamlNode> profile) {
        List<YamlNode> layers = new ArrayList<>();
        defaults.ifPresent(layers::add);
        profile.ifPresent(layers::add);
        layers.add(fields);
        return ListLayers.join(layers, layers.stream().reduce(YamlEdit::merge).orElseThrow(), problems);
    }

    /** The fields of a layer, without the keys only entries may set (each reported); null if not a mapping. */
    private static YamlNode layer(YamlNode node, Problems problems) {
        YamlMap fields = node.asMap(problems);
        if (!node.isMapping()) {
            return null;
        }
        for (String key : ENTRY_KEYS) {
            if (fields.has(key)) {
                problems.add(fields.locationOf(key), node.path() + "." + key + ": " + key + " is set by each entry"
                        + " under containers, not in defaults or profiles; move it there");
            }
        }
        return YamlEdit.without(node, ENTRY_KEYS);
    }
}
