/**
 * The apply use case: under the host lock, observe, plan, remember the desired state, execute the plan through
 * the engine (restarts of running containers batch by batch, cut as the restart package cuts them), confirm
 * the starts, report; say first which host limits are too low for what will run.
 */
@Uses({"agent.capacity", "agent.engine", "agent.host", "agent.plan", "agent.restart", "agent.state"})
package io.rootfleet.agent.apply;

import io.rootfleet.model.Uses;
