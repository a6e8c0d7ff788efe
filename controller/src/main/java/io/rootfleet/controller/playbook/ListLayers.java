package io.rootfleet.controller.playbook;

import io.rootfleet.model.AbsolutePath;
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
 * How the list fields of a container combine across its layers (defaults, profile, entry), where a plain merge
 * would let the top layer's list replace the others'. {@code files} are joined by {@code path} and {@code mounts}
 * by {@code target}: an item replaces the inherited one with the same key, in its place, and an item
 * {@code {path: P, absent: true}} drops the inherited one. {@code hide} and {@code unhide} are joined, without
 * repeats, since together they make one mask. A layer that sets such a field to null ({@code files: ~}) drops
 * everything it inherits there. Other lists ({@code init}, {@code services}, {@code health.command}) say what runs,
 * so the top layer's list is the whole list.
 */
final class ListLayers {
    private static final String ABSENT = "absent";
    private static final List<Joined> JOINED = List.of(
            new Joined("files", Optional.of("path"), "file"),
            new Joined("mounts", Optional.of("target"), "mount"),
            new Joined("hide", Optional.empty(), "hidden path"),
            new Joined("unhide", Optional.empty(), "unhidden path"));

    private ListLayers() {}

    /** {@code merged}, the layers merged with lists replaced, with the joined lists joined instead. */
    static YamlNode join(List<YamlNode> layers, YamlNode merged, Problems problems) {
        YamlNode result = merged;
        for (Joined field : JOINED) {
            result = field.join(layers, result, problems);
        }
        return result;
    }

    /**
     * A list field joined across layers.
     *
     * @param key the field that identifies an item (files by path); empty for a list of values, joined by value
     * @param what an item, in messages
     */
    private record Joined(String field, Optional<String> key, String what) {

        YamlNode join(List<YamlNode> layers, YamlNode merged, Problems problems) {
            Map<Object, YamlNode> items = new LinkedHashMap<>();
            int listsJoined = 0;
            boolean dropped = false;
            for (YamlNode layer : layers) {
                YamlNode value = layer.isMapping() ? layer.asMap(problems).entries().get(field) : null;
                if (value == null) {
                    continue;
                }
                if (!value.isSequence()) {
                    items.clear(); // a null drops what is inherited; anything else replaces it (and is reported)
                    listsJoined = 0;
                    continue;
                }
                listsJoined++;
                List<Object> ownKeys = new ArrayList<>();
                for (YamlNode item : value.asList(problems)) {
                    Object itemKey = keyOf(item);
                    if (itemKey == null || ownKeys.contains(itemKey)) {
                        if (key.isPresent() || itemKey == null) {
                            items.put(new Object(), item); // read as written: a bad item, or one listed twice, is reported
                        }
                        continue;
                    }
                    ownKeys.add(itemKey);
                    if (isAbsent(item)) {
                        dropped = true;
                        drop(items, itemKey, item, problems);
                    } else if (key.isPresent() || !items.containsKey(itemKey)) {
                        items.put(itemKey, item); // an item replaces the inherited one in its place
                    }
                }
            }
            if (listsJoined < 2 && !dropped) {
                return merged;
            }
            return YamlEdit.withList(merged, field, new ArrayList<>(items.values()));
        }

        /** The item's key, or null when it has none to join by (it is read as written, and any problem reported). */
        private Object keyOf(YamlNode item) {
            if (key.isEmpty()) {
                return item.isScalar() ? item.text() : null;
            }
            if (!item.isMapping()) {
                return null;
            }
            YamlNode value = item.asMap(new Problems()).get(key.get()).orElse(null);
            if (value == null || !value.isScalar()) {
                return null;
            }
            try {
                return new AbsolutePath(value.text());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private boolean isAbsent(YamlNode item) {
            return key.isPresent() && item.isMapping() && item.asMap(new Problems()).entries().containsKey(ABSENT);
        }

        /** Drops the inherited item an {@code absent} item names, reporting what does not fit. */
        private void drop(Map<Object, YamlNode> items, Object itemKey, YamlNode item, Problems problems) {
            YamlMap fields = item.asMap(problems);
            YamlNode absent = fields.entries().get(ABSENT);
            if (!absent.isScalar() || !absent.text().equalsIgnoreCase("true")) {
                problems.add(absent.location(), absent.path() + ": write absent: true to drop the inherited " + what
                        + " at " + itemKey + ", or leave absent out");
                return;
            }
            List<String> others = fields.entries().keySet().stream()
                    .filter(name -> !name.equals(ABSENT) && !name.equals(key.get())).toList();
            if (!others.isEmpty()) {
                problems.add(item.location(), item.path() + ": an item with absent: true only names the inherited "
                        + what + " to drop; remove " + String.join(", ", others));
            }
            if (items.remove(itemKey) == null) {
                problems.add(item.location(), item.path() + ": absent: true drops an inherited " + what + ", but"
                        + " nothing inherited has " + key.get() + " " + itemKey + "; check the " + key.get()
                        + ", or remove this item");
            }
        }
    }
}
