/**
 * Reconcile after a reboot (autostart containers by order, each group healthy before the next) and the systemd
 * unit that runs it.
 */
@Uses({"agent.engine", "agent.host", "agent.plan", "agent.state", "agent.sys"})
package io.rootfleet.agent.boot;

import io.rootfleet.model.Uses;
