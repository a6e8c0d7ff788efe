package io.rootfleet.controller.inventory;

import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.Problem;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.SafeYaml;
import io.rootfleet.model.yaml.YamlMap;
import io.rootfleet.model.yaml.YamlNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's YAML inventory: top-level groups (usually {@code all}), each a mapping of {@code hosts} (host name to
 * its variables), {@code vars} and {@code children} (group name to a group like this one). Read with the same
 * untrusted-input limits as playbooks.
 */
final class YamlInventoryParser {
    private YamlInventoryParser() {}

    static void parse(String text, String source, AnsibleInventory inventory) {
        Problems problems = new Problems();
        YamlNode root = SafeYaml.parse(text, source);
        if (!root.isNull()) {
            YamlMap groups = root.asMap(problems);
            groups.entries().forEach((name, node) -> group(name, node, inventory, problems));
        }
        for (Problem problem : problems.toList()) {
            inventory.problem(problem.location(), problem.message());
        }
    }

    private static void group(String name, YamlNode node, AnsibleInventory inventory, Problems problems) {
        AnsibleInventory.Group group = inventory.group(name);
        if (group.declared == null) {
            group.declared = node.location();
        }
        if (node.isNull()) {
            return;
        }
        YamlMap fields = node.asMap(problems);
        fields.map("hosts").ifPresent(hosts -> hosts.entries().forEach((pattern, vars) -> {
            List<String> names;
            try {
                names = IniInventoryParser.expand(pattern);
            } catch (IllegalArgumentException e) {
                problems.add(vars.location(), vars.path() + ": host '" + pattern + "': " + e.getMessage());
                return;
            }
            for (String host : names) {
                inventory.addHost(name, host, hostLocation(hosts, pattern));
                if (!vars.isNull()) {
                    variables(vars.asMap(problems)).forEach((key, value) -> inventory.hostVar(host, key, value));
                }
            }
        }));
        fields.map("vars").ifPresent(vars -> group.vars.putAll(variables(vars)));
        fields.map("children").ifPresent(children -> children.entries().forEach((child, definition) -> {
            if (child.equals(AnsibleInventory.ALL)) {
                problems.add(definition.location(), definition.path() + ": group 'all' cannot be a child; it holds"
                        + " every host already");
                return;
            }
            group.children.add(child);
            group(child, definition, inventory, problems);
        }));
        fields.finish();
    }

    private static Location hostLocation(YamlMap hosts, String pattern) {
        return hosts.locationOf(pattern);
    }

    private static Map<String, InventoryHost.Variable> variables(YamlMap vars) {
        Map<String, InventoryHost.Variable> values = new LinkedHashMap<>();
        vars.entries().forEach((key, node) -> values.put(key,
                new InventoryHost.Variable(node.isScalar() ? node.text() : null, node.location())));
        return values;
    }
}
