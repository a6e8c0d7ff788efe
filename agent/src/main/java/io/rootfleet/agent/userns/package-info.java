/**
 * Unprivileged containers' building blocks: id ranges and their allocation, /etc/subuid and /etc/subgid, the
 * idmapped bind of the host root, shifting an own layer's owners.
 */
@Uses({"agent.sys"})
package io.rootfleet.agent.userns;

import io.rootfleet.model.Uses;
