/**
 * {@code rootfleet-agent metrics}: this host's containers, holds, patches, restart durations and hook runs in the
 * Prometheus text format (written by the Prometheus client library's own writer), and the node_exporter textfile
 * that apply, restart and the hook refresh when it is enabled. What the numbers are made of is pure
 * ({@link io.rootfleet.agent.metrics.HostMetrics}); gathering them reads the status, the audit log and the hook log.
 */
@Uses({"agent.audit", "agent.engine", "agent.host", "agent.inspect", "agent.state", "agent.sys"})
package io.rootfleet.agent.metrics;

import io.rootfleet.model.Uses;
