package io.rootfleet.controller.playbook;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.codec.ContainerSpecReader;
import io.rootfleet.model.yaml.Problem;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.YamlEdit;
import io.rootfleet.model.yaml.YamlMap;
import io.rootfleet.model.yaml.YamlNode;
import io.rootfleet.model.yaml.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one entry of a playbook's {@code containers} list: the names it makes, where they run, and their
 * container fields laid over the entry's profile and the defaults. The fields are read by the agent's own
 * {@link ContainerSpecReader}: once, into the spec of the first name, with every other name getting a copy of it;
 * or, when the containers have values of their own ({@link InstanceValues}), once per container.
 */
final class ContainerEntryReader {
    /** Reads the fields in place of a missing or invalid name, so that they are still checked, also together. */
    private static final ContainerName STAND_IN = new ContainerName("unnamed");

    private ContainerEntryReader() {}

    /** The entry, or null once its problems are reported; {@code warnings} gets what is allowed but unwise. */
    static ContainerEntry read(YamlNode item, ContainerLayers layers, Problems problems, Problems warnings) {
        YamlMap entry = item.asMap(problems);
        if (!item.isMapping()) {
            return null;
        }
        YamlNode name = entry.require("name");
        NameRange names = name == null ? null : name.as(NameRange::read, problems);
        Optional<YamlNode> profile = layers.profileOf(entry);
        Placement placement = Placement.read(entry);

        YamlNode fields = layers.under(YamlEdit.without(item, ContainerLayers.ENTRY_KEYS), profile);
        int before = problems.toList().size();
        InstanceValues values = InstanceValues.read(fields, names, problems);
        boolean valuesRead = problems.toList().size() == before;
        List<ContainerSpec> containers = values.varies() ? readEach(values, names, problems)
                : readOnce(fields, names, problems);
        if (containers == null || !valuesRead || placement == null) {
            return null;
        }
        ServiceTasks.advice(containers.get(0)).ifPresent(advice -> {
            YamlNode pids = at(fields, "limits", "pids").orElseThrow();
            warnings.add(pids.location(), pids.path() + ": " + advice);
        });
        return new ContainerEntry(name, containers, placement, at(fields, "network", "ipv4"));
    }

    /** The containers, one read and copied under each name; null if it has problems or a name is missing. */
    private static List<ContainerSpec> readOnce(YamlNode fields, NameRange names, Problems problems) {
        ContainerSpec first = read(fields, names == null ? STAND_IN : names.names().get(0), problems);
        if (first == null || names == null) {
            return null;
        }
        return names.names().stream().map(n -> n.equals(first.name()) ? first : first.withName(n)).toList();
    }

    /**
     * The containers, each read from its own fields; null if one has problems or a name is missing. A place is
     * reported for the first container that has a problem there: the others' are mostly the same, with other values.
     */
    private static List<ContainerSpec> readEach(InstanceValues values, NameRange names, Problems problems) {
        int count = names == null ? 1 : names.size();
        List<ContainerSpec> containers = new ArrayList<>(count);
        Set<Location> reported = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Problems own = new Problems();
            ContainerSpec container = read(values.fieldsOf(i), names == null ? STAND_IN : names.names().get(i), own);
            Set<Location> before = Set.copyOf(reported);
            for (Problem problem : own.toList()) {
                if (!before.contains(problem.location())) {
                    problems.add(problem.location(), problem.message());
                }
                reported.add(problem.location());
            }
            containers.add(container);
        }
        return names == null || !reported.isEmpty() ? null : containers;
    }

    private static ContainerSpec read(YamlNode fields, ContainerName name, Problems problems) {
        YamlMap map = fields.asMap(problems);
        ContainerLayers.ENTRY_KEYS.forEach(map::get); // known here, so a misspelt one gets a suggestion
        return ContainerSpecReader.read(map, name);
    }

    /** The value at {@code keys} below {@code node}, if one is there; nothing is reported. */
    private static Optional<YamlNode> at(YamlNode node, String... keys) {
        Optional<YamlNode> value = Optional.of(node);
        for (String key : keys) {
            value = value.filter(YamlNode::isMapping).flatMap(map -> map.asMap(new Problems()).get(key));
        }
        return value;
    }
}
