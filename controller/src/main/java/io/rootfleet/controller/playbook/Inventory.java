package io.rootfleet.controller.playbook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A playbook's hosts by name and by group. */
final class Inventory {
    private final Set<String> hosts = new LinkedHashSet<>();
    private final Map<String, List<String>> groups = new TreeMap<>();

    Inventory(List<HostSpec> specs) {
        for (HostSpec host : specs) {
            hosts.add(host.name());
            host.groups().forEach(group -> groups.computeIfAbsent(group, g -> new ArrayList<>()).add(host.name()));
        }
    }

    /** Every host name, in playbook order. */
    Set<String> hosts() {
        return hosts;
    }

    /** Every group name. */
    Set<String> groups() {
        return groups.keySet();
    }

    boolean hasHost(String name) {
        return hosts.contains(name);
    }

    /** The names of the hosts in {@code group}, in playbook order; empty for a group no host is in. */
    List<String> group(String group) {
        return groups.getOrDefault(group, List.of());
    }

    /** "known hosts: a, b" for messages about a name that is not one. */
    String knownHosts() {
        return "known hosts: " + Names.list(hosts);
    }

    /** "known groups: eu, web" (or that there are none) for messages about a name that is not one. */
    String knownGroups() {
        return groups.isEmpty() ? "no host has groups" : "known groups: " + Names.list(groups.keySet());
    }
}
