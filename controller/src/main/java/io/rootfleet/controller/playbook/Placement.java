package io.rootfleet.controller.playbook;

import io.rootfleet.model.MessageText;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.YamlMap;
import io.rootfleet.model.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a container entry runs: the one of {@code host: NAME}, {@code hosts: [NAMES]} or {@code group: NAME}
 * it sets.
 *
 * @param field which of the three
 * @param targets the names it gives, each a scalar
 */
record Placement(String field, List<YamlNode> targets) {
    private static final List<String> FIELDS = List.of("host", "hosts", "group");

    /** The entry's placement, or null once it has reported why it has none. */
    static Placement read(YamlMap entry) {
        Problems problems = entry.problems();
        YamlNode at = entry.node();
        Comparator<String> asWritten = Comparator.comparing((String field) -> entry.locationOf(field).line())
                .thenComparing(field -> entry.locationOf(field).column());
        List<String> given = FIELDS.stream().filter(entry::has).sorted(asWritten).toList();
        if (given.isEmpty()) {
            problems.add(at.location(), at.path() + ": say where these containers run: set host: NAME, hosts:"
                    + " [NAMES] or group: NAME");
            return null;
        }
        if (given.size() > 1) {
            String last = given.get(given.size() - 1);
            problems.add(entry.locationOf(given.get(1)), at.path() + ": set only one of host, hosts and group;"
                    + " this entry sets " + String.join(", ", given.subList(0, given.size() - 1)) + " and " + last);
            return null;
        }
        int before = problems.toList().size();
        String field = given.get(0);
        YamlNode value = entry.get(field).orElseThrow();
        List<YamlNode> targets = field.equals("hosts") ? value.asList(problems) : List.of(value);
        if (value.isSequence() && targets.isEmpty()) {
            problems.add(value.location(), value.path() + ": the list is empty; name at least one host");
        }
        List<String> names = new ArrayList<>();
        for (YamlNode target : targets) {
            String name = target.asText(problems);
            if (name != null && names.contains(name)) {
                problems.add(target.location(), target.path() + ": host '" + MessageText.printable(name)
                        + "' is listed twice; remove one");
            }
            names.add(name);
        }
        return problems.toList().size() > before ? null : new Placement(field, targets);
    }

    /** The names of the hosts this placement picks, in the order given; an unknown host or group is reported. */
    List<String> hosts(Inventory inventory, Problems problems) {
        List<String> hosts = new ArrayList<>();
        for (YamlNode target : targets) {
            String name = target.text();
            String shown = MessageText.printable(name);
            if (field.equals("group")) {
                if (inventory.group(name).isEmpty()) {
                    problems.add(target.location(), target.path() + ": unknown group '" + shown + "'; "
                            + inventory.knownGroups());
                }
                hosts.addAll(inventory.group(name));
            } else if (inventory.hasHost(name)) {
                hosts.add(name);
            } else {
                problems.add(target.location(), target.path() + ": unknown host '" + shown + "'; "
                        + inventory.knownHosts());
            }
        }
        return hosts;
    }
}
