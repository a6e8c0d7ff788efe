/**
 * Ansible inventories, INI and YAML, read into {@link io.rootfleet.controller.inventory.InventoryHost}s: each host
 * with every group it is in and its variables merged as Ansible merges them. Pure: which variables mean what to
 * rootfleet is decided by the playbook package, which uses this one. Depends on nothing in rootfleet but
 * {@code model}'s YAML reader and problem types.
 */
@Uses({})
package io.rootfleet.controller.inventory;

import io.rootfleet.model.Uses;
