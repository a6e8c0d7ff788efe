package io.rootfleet.controller.playbook;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.codec.ContainerSpecReader;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.YamlEdit;
import io.rootfleet.model.yaml.YamlMap;
import io.rootfleet.model.yaml.YamlNode;
import java.util.List;
import java.util.Optional;

/**
 * Reads one entry of a playbook's {@code containers} list: the names it makes, where they run, and their
 * container fields laid over the entry's profile and the defaults. The fields are read once, by the agent's own
 * {@link ContainerSpecReader}, into the spec of the first name; every other name gets a copy of it.
 */
final class ContainerEntryReader {
    /** Reads the fields in place of a missing or invalid name, so that they are still checked, also together. */
    private static final ContainerName STAND_IN = new ContainerName("unnamed");

    private ContainerEntryReader() {}

    /** The entry, or null once its problems are reported. */
    static ContainerEntry read(YamlNode item, ContainerLayers layers, Problems problems) {
        YamlMap entry = item.asMap(problems);
        if (!item.isMapping()) {
            return null;
        }
        YamlNode name = entry.require("name");
        List<ContainerName> names = name == null ? null : name.as(NameRange::expand, problems);
        Optional<YamlNode> profile = layers.profileOf(entry);
        Placement placement = Placement.read(entry);

        YamlMap fields = layers.under(YamlEdit.without(item, ContainerLayers.ENTRY_KEYS), profile).asMap(problems);
        ContainerLayers.ENTRY_KEYS.forEach(fields::get); // known here, so a misspelt one gets a suggestion
        ContainerSpec first = ContainerSpecReader.read(fields, names == null ? STAND_IN : names.get(0));
        if (first == null || names == null || placement == null) {
            return null;
        }
        return new ContainerEntry(name, names.stream().map(n -> n.equals(first.name()) ? first : first.withName(n)).toList(),
                placement);
    }
}
