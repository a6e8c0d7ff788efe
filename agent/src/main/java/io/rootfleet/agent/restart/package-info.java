/**
 * Rolling restarts: batches by order and size (pure), the failure limit, and the rollout itself through the
 * engine.
 */
@Uses({"agent.engine", "agent.host", "agent.lxc", "agent.plan", "agent.stale", "agent.state"})
package io.rootfleet.agent.restart;

import io.rootfleet.model.Uses;
