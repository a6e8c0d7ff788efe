/**
 * Playbook YAML to validated hosts and one desired state per host (pure), with file:line:col in every error.
 */
@Uses({"controller.inventory"})
package io.rootfleet.controller.playbook;

import io.rootfleet.model.Uses;
