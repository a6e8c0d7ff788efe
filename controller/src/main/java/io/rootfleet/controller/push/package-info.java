/**
 * Fan-out over hosts: one agent invocation per host (SSH or local), its typed events read back.
 */
@Uses({"controller.playbook", "controller.ssh"})
package io.rootfleet.controller.push;

import io.rootfleet.model.Uses;
