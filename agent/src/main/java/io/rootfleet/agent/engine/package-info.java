/**
 * What every use case stands on: observing the managed containers, acting on one container (write, start, stop,
 * destroy), running a plan with bounded concurrency, and confirming that started containers stay up and get
 * healthy.
 */
@Uses({"agent.host", "agent.lxc", "agent.mask", "agent.plan", "agent.state", "agent.sys", "agent.userns"})
package io.rootfleet.agent.engine;

import io.rootfleet.model.Uses;
