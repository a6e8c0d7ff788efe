package io.rootfleet.agent.cli;

import io.rootfleet.agent.audit.AuditEntry;
import java.util.Optional;

/**
 * A command that changes the host: {@link AgentCli} appends one line to the audit log after it ran (and refreshes
 * the metrics textfile when that is enabled).
 */
interface Audited {

    /**
     * What this run changed; empty when it changed nothing worth a line: refused before it began (invalid input, the
     * lock busy), or only looked ({@code --check}). A run that began and then failed returns what it did so far.
     */
    Optional<AuditEntry.Changes> auditChanges();
}
