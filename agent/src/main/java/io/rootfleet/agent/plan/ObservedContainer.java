package io.rootfleet.agent.plan;

import io.rootfleet.agent.lxc.RunState;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import java.util.Optional;

/**
 * A container as found on the host: its directory, its LXC config, the spec it was last written from (none
 * when an apply was cut short before it finished writing), and whether it runs.
 */
public record ObservedContainer(ContainerName name, boolean configured, Optional<ContainerSpec> applied, RunState run) {}
