package io.rootfleet.controller.inventory;

import io.rootfleet.model.yaml.Location;
import java.util.List;
import java.util.Map;

/**
 * One host of an Ansible inventory, with its variables merged as Ansible merges them (the {@code all} group's,
 * then each group's from parents to children, then the host's own) and every group it is in, directly or through
 * {@code children}, in the order they were first seen ({@code all} and {@code ungrouped} left out).
 *
 * @param name the inventory's name for the host
 * @param location where the host was first listed
 * @param vars each variable's value (null for a list or mapping) and where that value was written
 */
public record InventoryHost(String name, Location location, Map<String, Variable> vars, List<String> groups) {

    public InventoryHost {
        vars = Map.copyOf(vars);
        groups = List.copyOf(groups);
    }

    /** A variable's value as text (null when it is not a single value) and where it was written. */
    public record Variable(String value, Location location) {}
}
