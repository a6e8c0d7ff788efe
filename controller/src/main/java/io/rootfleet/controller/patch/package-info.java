/**
 * The fleet patch rollout: host batches (--serial), the failure percentage, per-host verdicts (pure).
 */
@Uses({"controller.playbook", "controller.push"})
package io.rootfleet.controller.patch;

import io.rootfleet.model.Uses;
