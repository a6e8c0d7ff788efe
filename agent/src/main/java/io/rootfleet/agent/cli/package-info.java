/**
 * The agent's picocli commands, thin: parse options, wire the collaborators once (AgentContext), call one use
 * case, end with an ExitStatus.
 */
@Uses({"agent.apply", "agent.audit", "agent.boot", "agent.capacity", "agent.engine", "agent.hook", "agent.host",
    "agent.inspect", "agent.lxc", "agent.metrics", "agent.packages", "agent.plan", "agent.report", "agent.restart", "agent.stale",
    "agent.state", "agent.sys", "agent.teardown"})
package io.rootfleet.agent.cli;

import io.rootfleet.model.Uses;
