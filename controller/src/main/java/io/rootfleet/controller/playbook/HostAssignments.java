package io.rootfleet.controller.playbook;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Puts each entry's containers on the hosts it names, giving every host its desired state (empty for a host
 * without containers), and reports a container name that two entries put on one host.
 */
final class HostAssignments {

    private HostAssignments() {}

    static Map<String, DesiredState> assign(List<HostSpec> hosts, List<ContainerEntry> entries, Problems problems) {
        Inventory inventory = new Inventory(hosts);
        Map<String, Map<ContainerName, ContainerEntry>> owners = new HashMap<>();
        Map<String, List<ContainerSpec>> containers = new LinkedHashMap<>();
        hosts.forEach(host -> containers.put(host.name(), new ArrayList<>()));
        Map<Clash, Clash.Shared> clashes = new LinkedHashMap<>();
        for (ContainerEntry entry : entries) {
            for (String host : entry.placement().hosts(inventory, problems)) {
                Map<ContainerName, ContainerEntry> owner = owners.computeIfAbsent(host, h -> new HashMap<>());
                for (ContainerSpec container : entry.containers()) {
                    ContainerEntry first = owner.putIfAbsent(container.name(), entry);
                    if (first == null) {
                        containers.get(host).add(container);
                    } else {
                        clashes.computeIfAbsent(new Clash(entry.name(), first.name()), c -> new Clash.Shared())
                                .add(container.name(), host);
                    }
                }
            }
        }
        clashes.forEach((clash, names) -> clash.report(names, problems));
        Map<String, DesiredState> desired = new LinkedHashMap<>();
        containers.forEach((host, specs) -> desired.put(host, new DesiredState(specs)));
        return desired;
    }

    /** Two entries that put containers of the same name on a host. */
    private record Clash(YamlNode later, YamlNode earlier) {

        /** The container names and the hosts they share. */
        private record Shared(SortedSet<String> containers, SortedSet<String> hosts) {
            Shared() {
                this(new TreeSet<>(), new TreeSet<>());
            }

            void add(ContainerName container, String host) {
                containers.add(container.value());
                hosts.add(host);
            }
        }

        void report(Shared shared, Problems problems) {
            boolean one = shared.containers().size() == 1;
            problems.add(later.location(), later.path() + ": " + (one ? "container " : "containers ")
                    + Names.list(shared.containers()) + (shared.hosts().size() == 1 ? " on host " : " on hosts ")
                    + Names.list(shared.hosts()) + (one ? " is" : " are") + " also declared by " + earlier.path()
                    + " at line " + earlier.location().line() + "; a name is used once per host, so rename "
                    + (one ? "one or place it" : "them or place them") + " on other hosts");
        }
    }
}
