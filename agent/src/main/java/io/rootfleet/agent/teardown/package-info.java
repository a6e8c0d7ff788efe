/**
 * The way out: every container of a home killed and deleted, the shared layers unmounted, the hook and boot unit
 * of that home removed, the home left with nothing mounted under it (or deleted), never crossing a mount point.
 */
@Uses({"agent.boot", "agent.hook", "agent.host", "agent.lxc", "agent.state", "agent.sys"})
package io.rootfleet.agent.teardown;

import io.rootfleet.model.Uses;
