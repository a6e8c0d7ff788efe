/**
 * The LXC adapter: the only place that runs lxc-* commands or knows LXC's words (run states, config keys);
 * config rendering is pure.
 */
@Uses({"agent.host", "agent.sys", "agent.userns"})
package io.rootfleet.agent.lxc;

import io.rootfleet.model.Uses;
