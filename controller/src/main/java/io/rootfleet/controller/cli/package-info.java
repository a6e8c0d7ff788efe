/**
 * The controller's picocli commands, thin: read the playbook, connect, run the fleet work, print the report,
 * end with an ExitStatus.
 */
@Uses({"controller.patch", "controller.playbook", "controller.push", "controller.report", "controller.ssh"})
package io.rootfleet.controller.cli;

import io.rootfleet.model.Uses;
