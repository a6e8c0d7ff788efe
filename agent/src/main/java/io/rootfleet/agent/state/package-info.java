/**
 * The agent's persisted state, written atomically, and the one host lock every change takes.
 */
@Uses({"agent.host", "agent.sys", "agent.userns"})
package io.rootfleet.agent.state;

import io.rootfleet.model.Uses;
