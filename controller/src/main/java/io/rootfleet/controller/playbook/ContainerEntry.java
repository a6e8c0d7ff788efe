package io.rootfleet.controller.playbook;

import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.yaml.YamlNode;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a playbook's {@code containers} list, read.
 *
 * @param name the entry's name as written, a range or a single name
 * @param containers one spec per name the entry makes, in counting order
 * @param placement the hosts they all go to
 * @param address where their static IPv4 address ({@code network.ipv4}) was written, if they have one
 */
record ContainerEntry(YamlNode name, List<ContainerSpec> containers, Placement placement, Optional<YamlNode> address) {}
