/**
 * The audit log, HOME/audit.log: one JSON line per change (apply, restart, the hook's restart, reconcile, hold,
 * unhold, teardown) saying when, who, which command, what it changed and how it ended; the line format and its
 * reader are pure, the append-only file behind {@link io.rootfleet.agent.audit.AuditLog}.
 */
@Uses({"agent.host"})
package io.rootfleet.agent.audit;

import io.rootfleet.model.Uses;
