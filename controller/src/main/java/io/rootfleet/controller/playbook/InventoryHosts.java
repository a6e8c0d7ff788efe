package io.rootfleet.controller.playbook;

import io.rootfleet.model.MessageText;
import io.rootfleet.controller.inventory.AnsibleInventory;
import io.rootfleet.controller.inventory.InventoryHost;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns an Ansible inventory's hosts into playbook hosts. The variables rootfleet understands are mapped
 * ({@code ansible_host}, {@code ansible_port}, {@code ansible_user}, {@code ansible_ssh_private_key_file},
 * {@code ansible_connection}, {@code rootfleet_agent_path}, {@code rootfleet_agent_home}, and the older
 * {@code ansible_ssh_*} spellings); the others are only named, once. A host or group name that is not a rootfleet
 * name (an FQDN, an IP, {@code web_servers}) gets one: lowercase, other characters as '-'
 * ({@code web1.example.org} is host {@code web1-example-org}, still reached as {@code ssh web1.example.org}).
 */
final class InventoryHosts {
    /** Variable -> the host field it sets; for one field, the first variable here that a host has wins. */
    private static final Map<String, String> UNDERSTOOD = new LinkedHashMap<>();

    static {
        UNDERSTOOD.put("ansible_host", "address");
        UNDERSTOOD.put("ansible_ssh_host", "address");
        UNDERSTOOD.put("ansible_port", "port");
        UNDERSTOOD.put("ansible_ssh_port", "port");
        UNDERSTOOD.put("ansible_user", "user");
        UNDERSTOOD.put("ansible_ssh_user", "user");
        UNDERSTOOD.put("ansible_ssh_private_key_file", "identityFile");
        UNDERSTOOD.put("ansible_private_key_file", "identityFile");
        UNDERSTOOD.put("ansible_connection", "connection");
        UNDERSTOOD.put("rootfleet_agent_path", "agentPath");
        UNDERSTOOD.put("rootfleet_agent_home", "agentHome");
    }

    private final Set<String> ignored = new TreeSet<>();
    private final Map<String, String> renamed = new LinkedHashMap<>();
    private final Map<String, Location> locations = new LinkedHashMap<>();

    private final String source;
    private List<HostSpec> hosts;

    private InventoryHosts(String source) {
        this.source = source;
    }

    /**
     * Reads the inventory at {@code file}; its problems join {@code problems} (then it has no hosts), and what it
     * ignored or renamed goes to {@code notices}, one line each.
     */
    static InventoryHosts load(Path file, Problems problems, Consumer<String> notices) {
        InventoryHosts loaded = new InventoryHosts(file.toString());
        try {
            int before = problems.toList().size();
            List<HostSpec> read = loaded.read(AnsibleInventory.read(file), problems);
            if (problems.toList().size() == before && read.isEmpty()) {
                problems.add(Location.of(file.toString()), "the inventory has no hosts");
            }
            loaded.hosts = problems.toList().size() == before ? read : null;
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> problems.add(p.location(), p.message()));
        }
        loaded.notices().forEach(notices);
        return loaded;
    }

    /**
     * The playbook's own hosts followed by the inventory's; null when either has a problem. A host declared in
     * both is a problem at the inventory's line.
     */
    List<HostSpec> joinTo(List<HostSpec> playbookHosts, Problems problems) {
        if (playbookHosts == null || hosts == null) {
            return null;
        }
        Set<String> declared = new LinkedHashSet<>();
        playbookHosts.forEach(host -> declared.add(host.name()));
        List<HostSpec> all = new ArrayList<>(playbookHosts);
        boolean clash = false;
        for (HostSpec host : hosts) {
            if (declared.contains(host.name())) {
                problems.add(locationOf(host.name()), "host '" + host.name() + "' is also declared in the playbook's"
                        + " hosts; declare each host in one place");
                clash = true;
            }
            all.add(host);
        }
        return clash ? null : all;
    }

    /** The hosts, in inventory order; problems are added with the inventory's file and line. */
    List<HostSpec> read(List<InventoryHost> inventory, Problems problems) {
        List<HostSpec> hosts = new ArrayList<>();
        Map<String, InventoryHost> byName = new LinkedHashMap<>();
        for (InventoryHost entry : inventory) {
            String name = rootfleetName(entry.name());
            InventoryHost first = byName.putIfAbsent(name, entry);
            if (first != null) {
                problems.add(entry.location(), "inventory hosts '" + first.name() + "' and '" + entry.name()
                        + "' both get the rootfleet name '" + name + "'; rename one");
                continue;
            }
            locations.put(name, entry.location());
            HostSpec host = host(name, entry, problems);
            if (host != null) {
                hosts.add(host);
            }
        }
        return hosts;
    }

    /** Where the inventory lists the host rootfleet names {@code name}. */
    Location locationOf(String name) {
        return locations.get(name);
    }

    /** One line for the user about what was ignored, one about what was renamed, if anything was. */
    List<String> notices() {
        List<String> notices = new ArrayList<>();
        if (!ignored.isEmpty()) {
            notices.add("inventory " + source + ": variables rootfleet does not use, ignored: " + String.join(", ", ignored));
        }
        if (!renamed.isEmpty()) {
            notices.add("inventory " + source + ": named for rootfleet: " + String.join(", ",
                    renamed.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).toList()));
        }
        return notices;
    }

    /** The name rootfleet uses for an inventory host or group name; the same for a name that is one already. */
    static String rootfleetName(String name) {
        try {
            return new ContainerName(name).value();
        } catch (IllegalArgumentException e) {
            String mapped = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
            return mapped.length() > 63 ? mapped.substring(0, 63).replaceAll("-+$", "") : mapped;
        }
    }

    private HostSpec host(String name, InventoryHost entry, Problems problems) {
        int before = problems.toList().size();
        Map<String, InventoryHost.Variable> vars = entry.vars();
        vars.keySet().stream().filter(key -> !UNDERSTOOD.containsKey(key)).forEach(ignored::add);
        Optional<String> address = value(vars, "address", HostSpec::checkAddress, problems);
        if (address.isEmpty() && !name.equals(entry.name())) {
            address = Optional.of(entry.name()); // ssh is given the inventory's own name, as Ansible does
        }
        OptionalInt port = value(vars, "port", HostSpec::parsePort, problems).map(OptionalInt::of).orElse(OptionalInt.empty());
        Optional<String> user = value(vars, "user", HostSpec::checkUser, problems);
        Optional<String> identityFile = value(vars, "identityFile", HostSpec::checkIdentityFile, problems);
        Connection connection = value(vars, "connection", InventoryHosts::connection, problems).orElse(Connection.SSH);
        AbsolutePath agentPath = value(vars, "agentPath", AbsolutePath::new, problems).orElse(HostSpec.DEFAULT_AGENT_PATH);
        AbsolutePath agentHome = value(vars, "agentHome", AbsolutePath::new, problems).orElse(HostSpec.DEFAULT_AGENT_HOME);
        Set<String> groups = new LinkedHashSet<>();
        for (String group : entry.groups()) {
            String mapped = rootfleetName(group);
            if (!mapped.equals(group)) {
                renamed.put("group " + group, mapped);
            }
            if (!mapped.isEmpty()) {
                groups.add(mapped);
            }
        }
        if (!name.equals(entry.name())) {
            renamed.put(entry.name(), name);
        }
        if (problems.toList().size() > before) {
            return null;
        }
        try {
            return new HostSpec(name, address, port, user, identityFile, connection, agentPath, agentHome,
                    List.copyOf(groups), new TreeMap<>());
        } catch (IllegalArgumentException e) {
            problems.add(entry.location(), "inventory host '" + entry.name() + "': " + e.getMessage());
            return null;
        }
    }

    /** The first of the variables that map to {@code field}, checked; a problem at its line if it is not valid. */
    private static <T> Optional<T> value(Map<String, InventoryHost.Variable> vars, String field, Function<String, T> parser,
            Problems problems) {
        for (Map.Entry<String, String> understood : UNDERSTOOD.entrySet()) {
            if (!understood.getValue().equals(field)) {
                continue;
            }
            InventoryHost.Variable variable = vars.get(understood.getKey());
            if (variable == null) {
                continue;
            }
            Location at = variable.location();
            if (variable.value() == null) {
                problems.add(at, understood.getKey() + ": expected a single value, found a list or mapping");
                return Optional.empty();
            }
            try {
                return Optional.of(parser.apply(variable.value()));
            } catch (IllegalArgumentException e) {
                problems.add(at, understood.getKey() + ": " + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Connection connection(String text) {
        return switch (text) {
            case "ssh", "smart", "paramiko" -> Connection.SSH;
            case "local" -> Connection.LOCAL;
            default -> throw new IllegalArgumentException("connection '" + MessageText.printable(text) + "' cannot be"
                    + " used by rootfleet, which reaches hosts over ssh or runs the agent here (local)");
        };
    }
}
