package io.rootfleet.controller.playbook;

import io.rootfleet.model.DesiredState;
import io.rootfleet.model.MessageText;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a playbook asks for: its hosts, in the order written, and the desired state of each. Every host has one;
 * a host without containers has an empty one, so that applying it (with pruning) can clear what runs there.
 */
public record Playbook(List<HostSpec> hosts, Map<String, DesiredState> desired) {

    public Playbook {
        hosts = List.copyOf(hosts);
        Map<String, DesiredState> ordered = new LinkedHashMap<>();
        for (HostSpec host : hosts) {
            DesiredState state = desired.get(host.name());
            if (state == null) {
                throw new IllegalArgumentException("host '" + host.name() + "' has no desired state");
            }
            if (ordered.put(host.name(), state) != null) {
                throw new IllegalArgumentException("host '" + host.name() + "' is listed twice");
            }
        }
        if (ordered.size() != desired.size()) {
            throw new IllegalArgumentException("desired states for hosts that are not listed: "
                    + desired.keySet().stream().filter(name -> !ordered.containsKey(name)).sorted().toList());
        }
        desired = Collections.unmodifiableMap(ordered);
    }

    public DesiredState desiredFor(HostSpec host) {
        return desired.get(host.name());
    }

    /**
     * This playbook with only the hosts that {@code limit} selects, as {@code --limit} takes it: host and group names,
     * globs and Ansible's {@code &} and {@code !} (see {@link LimitPattern}). The hosts keep the playbook's order.
     *
     * @throws InvalidInputException if a term names neither a host nor a group, listing the known ones
     */
    public Playbook limit(String limit) {
        Set<String> chosen = LimitPattern.select(limit, new Inventory(hosts));
        if (chosen.isEmpty()) {
            throw new InvalidInputException(Location.of("--limit"), "names no host; give host or group names"
                    + " separated by commas, e.g. --limit web-a,eu");
        }
        List<HostSpec> kept = hosts.stream().filter(host -> chosen.contains(host.name())).toList();
        Map<String, DesiredState> keptDesired = new LinkedHashMap<>();
        kept.forEach(host -> keptDesired.put(host.name(), desiredFor(host)));
        return new Playbook(kept, keptDesired);
    }
}
