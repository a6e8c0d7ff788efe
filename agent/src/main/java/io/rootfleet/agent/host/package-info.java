/**
 * The agent's home on the host, the shared root bind and mask tmpfs, and the mount-aware delete.
 */
@Uses({"agent.sys", "agent.userns"})
package io.rootfleet.agent.host;

import io.rootfleet.model.Uses;
