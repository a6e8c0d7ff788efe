/**
 * How the agent's use cases report: human text or newline-delimited JSON events of the model's agent protocol.
 */
@Uses({"agent.engine", "agent.plan", "agent.restart"})
package io.rootfleet.agent.report;

import io.rootfleet.model.Uses;
