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
 * {@link ContainerSpecReader}, and the result copied under each name.
 */
final class ContainerEntryReader {
    /** Keys the playbook consumes; the rest of the entry are container fields. */
    private static final List<String> PLAYBOOK_KEYS = List.of("profile", "host", "hosts", "group");
    /** Read in place of a missing or invalid name, so that the entry's other fields are still checked. */
    private static final String STAND_IN_NAME = "unnamed";

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

        YamlNode own = YamlEdit.without(item, PLAYBOOK_KEYS);
        YamlNode fields = layers.under(own, profile);
        YamlMap spec = YamlEdit.withText(fields, "name", names == null ? STAND_IN_NAME : names.get(0).value())
                .asMap(problems);
        ContainerLayers.ENTRY_KEYS.forEach(spec::get); // known here, so a misspelt one gets a suggestion
        ContainerSpec container = ContainerSpecReader.read(spec);
        if (container == null || names == null || placement == null) {
            return null;
        }
        return new ContainerEntry(name, names.stream().map(container::withName).toList(), placement);
    }
}
