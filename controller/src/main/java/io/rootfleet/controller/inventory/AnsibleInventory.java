package io.rootfleet.controller.inventory;

import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Ansible inventory, INI or YAML, read into hosts with their merged variables and groups. Groups hold hosts,
 * variables and child groups; a host may be listed in several groups and is one host. Variables are merged as
 * Ansible does: {@code all}'s first, then other groups by depth (a child's over its parent's; groups at the same
 * depth by name), the host's own last.
 */
public final class AnsibleInventory {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final String source;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Location> hosts = new LinkedHashMap<>();
    private final Map<String, Map<String, InventoryHost.Variable>> hostVars = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    AnsibleInventory(String source) {
        this.source = source;
        group(ALL);
    }

    /** Reads an inventory file: YAML when it ends in .yml/.yaml or starts like YAML, else INI. */
    public static List<InventoryHost> read(Path file) {
        String source = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(Location.of(source), "no such file; check the inventory's path");
        } catch (IOException e) {
            throw new InvalidInputException(Location.of(source), "cannot read the inventory: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException(Location.of(source), "the inventory is larger than " + MAX_BYTES
                    + " bytes, the most this controller reads");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), source);
    }

    /** Parses inventory text; {@code source} names it in messages and decides INI or YAML by its ending. */
    public static List<InventoryHost> parse(String text, String source) {
        AnsibleInventory inventory = new AnsibleInventory(source);
        if (looksLikeYaml(text, source)) {
            YamlInventoryParser.parse(text, source, inventory);
        } else {
            IniInventoryParser.parse(text, source, inventory);
        }
        return inventory.hosts();
    }

    private static boolean looksLikeYaml(String text, String source) {
        if (source.endsWith(".yml") || source.endsWith(".yaml")) {
            return true;
        }
        if (source.endsWith(".ini")) {
            return false;
        }
        String first = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst().orElse("");
        return first.equals("---") || first.matches("[A-Za-z0-9_-]+:\\s*(\\{.*)?");
    }

    // --- building, for the parsers ---

    String source() {
        return source;
    }

    void problem(Location location, String message) {
        problems.add(new Problem(location, message));
    }

    Group group(String name) {
        return groups.computeIfAbsent(name, Group::new);
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    void addHost(String group, String host, Location location) {
        hosts.putIfAbsent(host, location);
        group(group).hosts.add(host);
    }

    void hostVar(String host, String name, InventoryHost.Variable value) {
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(name, value);
    }

    /** A group: its hosts, variables and children, as the file declares them. */
    static final class Group {
        final String name;
        final Set<String> hosts = new LinkedHashSet<>();
        final Map<String, InventoryHost.Variable> vars = new LinkedHashMap<>();
        final Set<String> children = new LinkedHashSet<>();
        Location declared;

        Group(String name) {
            this.name = name;
        }
    }

    // --- the result ---

    private List<InventoryHost> hosts() {
        checkChildren();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Map<String, Integer> depth = depths();
        List<InventoryHost> result = new ArrayList<>();
        for (Map.Entry<String, Location> host : hosts.entrySet()) {
            List<Group> in = groupsOf(host.getKey());
            Map<String, InventoryHost.Variable> vars = new LinkedHashMap<>(groups.get(ALL).vars);
            in.stream()
                    .filter(g -> !g.name.equals(ALL))
                    .sorted(Comparator.comparingInt((Group g) -> depth.getOrDefault(g.name, 1)).thenComparing(g -> g.name))
                    .forEach(g -> vars.putAll(g.vars));
            vars.putAll(hostVars.getOrDefault(host.getKey(), Map.of()));
            List<String> names = in.stream().map(g -> g.name).filter(n -> !n.equals(ALL) && !n.equals(UNGROUPED)).toList();
            result.add(new InventoryHost(host.getKey(), host.getValue(), vars, names));
        }
        return result;
    }

    /** The groups a host is in: those that list it, and their parents, up to {@code all}. */
    private List<Group> groupsOf(String host) {
        Map<String, List<String>> parents = parents();
        Set<String> found = new LinkedHashSet<>();
        List<String> queue = new ArrayList<>();
        groups.values().stream().filter(g -> g.hosts.contains(host)).forEach(g -> queue.add(g.name));
        while (!queue.isEmpty()) {
            String next = queue.remove(0);
            if (found.add(next)) {
                queue.addAll(parents.getOrDefault(next, List.of()));
            }
        }
        found.add(ALL);
        return found.stream().map(groups::get).toList();
    }

    private Map<String, List<String>> parents() {
        Map<String, List<String>> parents = new HashMap<>();
        groups.values().forEach(g -> g.children.forEach(c -> parents.computeIfAbsent(c, x -> new ArrayList<>()).add(g.name)));
        return parents;
    }

    /** How far below {@code all} each group is (its longest path of parents), for the order of variables. */
    private Map<String, Integer> depths() {
        Map<String, List<String>> parents = parents();
        Map<String, Integer> depth = new HashMap<>();
        for (String group : groups.keySet()) {
            depth.put(group, depthOf(group, parents, new LinkedHashSet<>()));
        }
        return depth;
    }

    private int depthOf(String group, Map<String, List<String>> parents, Set<String> seen) {
        if (group.equals(ALL) || !seen.add(group)) {
            return 0;
        }
        int deepest = 0;
        for (String parent : parents.getOrDefault(group, List.of())) {
            deepest = Math.max(deepest, depthOf(parent, parents, seen));
        }
        seen.remove(group);
        return deepest + 1;
    }

    /** A group that is its own ancestor would make every membership endless; Ansible refuses it too. */
    private void checkChildren() {
        for (Group group : groups.values()) {
            if (reaches(group.name, group.name, new LinkedHashSet<>())) {
                problem(group.declared == null ? Location.of(source) : group.declared, "group '" + group.name
                        + "' is among its own children (through " + String.join(", ", group.children)
                        + "); remove the loop");
            }
        }
    }

    private boolean reaches(String from, String target, Set<String> seen) {
        for (String child : groups.get(from).children) {
            if (child.equals(target) || (seen.add(child) && groups.containsKey(child) && reaches(child, target, seen))) {
                return true;
            }
        }
        return false;
    }
}
