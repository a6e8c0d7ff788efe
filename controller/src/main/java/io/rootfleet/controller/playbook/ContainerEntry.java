package io.rootfleet.controller.playbook;

import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.yaml.YamlNode;
import java.util.List;

/**
 * One entry of a playbook's {@code containers} list, read.
 *
 * @param name the entry's name as written, a range or a single name
 * @param containers one spec per name the entry makes, in counting order
 * @param placement the hosts they all go to
 */
record ContainerEntry(YamlNode name, List<ContainerSpec> containers, Placement placement) {}
