package io.rootfleet.controller.playbook;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.Ipv4Cidr;
import io.rootfleet.model.NetworkSpec;
import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.YamlNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses two containers with the same static IPv4 address on one bridge of a host, once ranges are expanded and
 * entries placed: both would start, and one of them would not be reachable. Each clash names where both addresses
 * were written.
 */
final class AddressClashes {

    private AddressClashes() {}

    static void check(List<HostSpec> hosts, List<ContainerEntry> entries, Problems problems) {
        Inventory inventory = new Inventory(hosts);
        Map<Slot, Holder> holders = new HashMap<>();
        Map<Clash, Shared> clashes = new LinkedHashMap<>();
        for (ContainerEntry entry : entries) {
            if (entry.address().isEmpty()) {
                continue;
            }
            Written at = new Written(entry.address().get());
            // an unknown host or group is reported where the containers are placed
            for (String host : entry.placement().hosts(inventory, new Problems())) {
                for (ContainerSpec container : entry.containers()) {
                    Optional<Ipv4Cidr> address = container.network().flatMap(NetworkSpec::ipv4);
                    if (address.isEmpty() || container.state() == ContainerState.ABSENT) {
                        continue;
                    }
                    String bridge = container.network().orElseThrow().bridge();
                    Holder first = holders.putIfAbsent(new Slot(host, bridge, address.get().address()),
                            new Holder(container.name(), at));
                    if (first != null) {
                        clashes.computeIfAbsent(new Clash(at, first.at(), bridge), c -> new Shared())
                                .add(host, address.get(), first.container(), container.name());
                    }
                }
            }
        }
        clashes.forEach((clash, shared) -> clash.report(shared, problems));
    }

    /** An address on a bridge of a host. */
    private record Slot(String host, String bridge, Ipv4Cidr.Address address) {}

    /** The container that has an address first, and where its address was written. */
    private record Holder(ContainerName container, Written at) {}

    /** Where an address was written. */
    private record Written(Location location, String path) {
        Written(YamlNode node) {
            this(node.location(), node.path());
        }
    }

    /** The addresses written at {@code later} that were given already at {@code earlier}, on one bridge. */
    private record Clash(Written later, Written earlier, String bridge) {

        void report(Shared shared, Problems problems) {
            String addresses = (shared.addresses().size() == 1 ? "address " : "addresses ")
                    + Names.list(shared.addresses().keySet().stream().map(Ipv4Cidr.Address::value).toList())
                    + " on bridge " + bridge + " of " + (shared.hosts().size() == 1 ? "host " : "hosts ")
                    + Names.list(shared.hosts()) + (shared.addresses().size() == 1 ? " is" : " are");
            if (later.equals(earlier)) {
                Set<String> containers = new LinkedHashSet<>(shared.earlier());
                containers.addAll(shared.later());
                problems.add(later.location(), later.path() + ": " + addresses + " given to more than one container ("
                        + Names.list(containers) + "); give each container on a bridge its own address"
                        + example(shared.addresses().values().iterator().next(), containers.size()));
            } else {
                problems.add(later.location(), later.path() + ": " + addresses + " also given at " + earlier.location()
                        + " (" + earlier.path() + "): " + Names.list(shared.later()) + " here, "
                        + Names.list(shared.earlier()) + " there; give each container on a bridge its own address");
            }
        }

        /** ", e.g. 10.77.0.{11..22}/24, a range that expands along with the name", when such a range fits. */
        private static String example(Ipv4Cidr first, int containers) {
            String address = first.address().value();
            int dot = address.lastIndexOf('.');
            int from = Integer.parseInt(address.substring(dot + 1));
            int to = from + containers - 1;
            if (to > 254) {
                return "";
            }
            return ", e.g. with a range that expands along with the name: " + address.substring(0, dot + 1) + "{"
                    + from + ".." + to + "}/" + first.prefix();
        }
    }

    /** What one clash covers: hosts, addresses, and the containers on either side. */
    private record Shared(Set<String> hosts, Map<Ipv4Cidr.Address, Ipv4Cidr> addresses, Set<String> earlier,
            Set<String> later) {
        Shared() {
            this(new LinkedHashSet<>(), new LinkedHashMap<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        }

        void add(String host, Ipv4Cidr address, ContainerName first, ContainerName second) {
            hosts.add(host);
            addresses.putIfAbsent(address.address(), address);
            earlier.add(first.value());
            later.add(second.value());
        }
    }
}
