package io.rootfleet.controller.playbook;

import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.YamlMap;
import io.rootfleet.model.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Binds a playbook's {@code hosts} list, entry by entry, and checks the entries against each other. */
final class HostsReader {

    private HostsReader() {}

    /**
     * The hosts in the order written, or null when any entry has a problem (each is reported): containers are
     * only placed on a complete list, so one broken entry does not also make its containers "unknown".
     */
    static List<HostSpec> read(YamlNode list, Problems problems) {
        int before = problems.toList().size();
        List<YamlNode> items = list.asList(problems);
        if (list.isSequence() && items.isEmpty()) {
            problems.add(list.location(), list.path() + ": the list is empty; declare at least one host");
        }
        List<HostSpec> hosts = new ArrayList<>();
        Map<String, YamlMap> entries = new HashMap<>();
        for (YamlNode item : items) {
            YamlMap entry = item.asMap(problems);
            HostSpec host = item.isMapping() ? host(entry) : null;
            if (host == null) {
                continue;
            }
            YamlMap first = entries.putIfAbsent(host.name(), entry);
            if (first != null) {
                YamlNode name = entry.get("name").orElseThrow();
                problems.add(name.location(), name.path() + ": host '" + host.name() + "' is already declared at line "
                        + first.node().location().line() + "; give each host its own name");
                continue;
            }
            hosts.add(host);
        }
        checkGroupNames(hosts, entries, problems);
        return problems.toList().size() > before ? null : hosts;
    }

    /** Binds one entry; null when it has a problem. */
    private static HostSpec host(YamlMap m) {
        Problems problems = m.problems();
        int before = problems.toList().size();
        String name = m.require("name", text -> new HostLabel(text).value());
        Optional<String> address = m.optional("address", HostSpec::checkAddress);
        OptionalInt port = m.optional("port", HostSpec::parsePort).map(OptionalInt::of).orElse(OptionalInt.empty());
        Optional<String> user = m.optional("user", HostSpec::checkUser);
        Optional<String> identityFile = m.optional("identityFile", HostSpec::checkIdentityFile);
        Connection connection = m.optional("connection", Connection::parse).orElse(Connection.SSH);
        AbsolutePath agentPath = m.optional("agentPath", AbsolutePath::new).orElse(HostSpec.DEFAULT_AGENT_PATH);
        AbsolutePath agentHome = m.optional("agentHome", AbsolutePath::new).orElse(HostSpec.DEFAULT_AGENT_HOME);
        List<String> groups = groups(m);
        SortedMap<String, String> labels = labels(m);
        m.finish();
        if (problems.toList().size() > before) {
            return null;
        }
        try {
            return new HostSpec(name, address, port, user, identityFile, connection, agentPath, agentHome, groups,
                    labels);
        } catch (IllegalArgumentException e) {
            problems.add(m.node().location(), m.node().path() + ": " + e.getMessage());
            return null;
        }
    }

    private static List<String> groups(YamlMap m) {
        List<String> groups = new ArrayList<>();
        for (YamlNode item : m.list("groups")) {
            String group = item.as(text -> new GroupLabel(text).value(), m.problems());
            if (group != null && groups.contains(group)) {
                m.problems().add(item.location(), item.path() + ": group '" + group + "' is listed twice; remove one");
            } else if (group != null) {
                groups.add(group);
            }
        }
        return groups;
    }

    private static SortedMap<String, String> labels(YamlMap m) {
        SortedMap<String, String> labels = new TreeMap<>();
        m.map("labels").ifPresent(map -> map.entries().forEach((key, node) -> {
            String value = node.asText(m.problems());
            if (value != null) {
                labels.put(key, value);
            }
        }));
        return labels;
    }

    /** A group named like a host would make {@code --limit NAME} ambiguous. */
    private static void checkGroupNames(List<HostSpec> hosts, Map<String, YamlMap> entries, Problems problems) {
        Set<String> reported = new HashSet<>();
        for (HostSpec host : hosts) {
            for (String group : host.groups()) {
                if (entries.containsKey(group) && reported.add(group)) {
                    YamlMap entry = entries.get(host.name());
                    problems.add(entry.locationOf("groups"), entry.node().path() + ".groups: group '" + group
                            + "' has the name of a host; rename the group, so that --limit can tell them apart");
                }
            }
        }
    }
}
