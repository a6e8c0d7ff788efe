/**
 * The agent's picocli commands, thin: parse options, wire the collaborators once (AgentContext), call one use
 * case, end with an ExitStatus.
 */
@Uses({"agent.apply", "agent.boot", "agent.engine", "agent.hook", "agent.host", "agent.inspect", "agent.lxc", "agent.packages",
    "agent.report", "agent.restart", "agent.stale", "agent.state", "agent.sys", "agent.teardown"})
package io.rootfleet.agent.cli;

import io.rootfleet.model.Uses;
