/**
 * The status of every managed container: state, own-layer disk use, stale or not, drift; as text or JSON.
 */
@Uses({"agent.engine", "agent.host", "agent.plan", "agent.stale", "agent.state", "agent.sys"})
package io.rootfleet.agent.inspect;

import io.rootfleet.model.Uses;
