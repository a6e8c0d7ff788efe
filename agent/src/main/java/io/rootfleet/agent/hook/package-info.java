/**
 * The apt/dpkg hook: its files (pure rendering), the wait for apt and dpkg to finish (/proc/locks), the
 * debounce, and the stale restart it runs.
 */
@Uses({"agent.host", "agent.state", "agent.sys"})
package io.rootfleet.agent.hook;

import io.rootfleet.model.Uses;
