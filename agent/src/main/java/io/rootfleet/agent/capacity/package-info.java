/**
 * Host capacity: what the kernel's limits let N containers do on this host (pure: the needs of a fleet, the
 * production values), and the sysctls themselves (reading /proc/sys, the agent's own file in /etc/sysctl.d).
 */
@Uses({"agent.plan", "agent.sys"})
package io.rootfleet.agent.capacity;

import io.rootfleet.model.Uses;
