package io.rootfleet.agent.metrics;

import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.model.report.ContainerStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code rootfleet-agent metrics} reports, from what the agent knows: the status of every container, the
 * audit log (patches and restart durations), and the hook's runs. Pure.
 *
 * @param containers every managed container's status
 * @param hostHeld whether the whole host is held
 * @param audit the audit log's entries, oldest first
 * @param auditProblems lines of the audit log that could not be read
 * @param hook the hook's runs
 */
public record HostMetrics(List<ContainerStatus> containers, boolean hostHeld, List<AuditEntry> audit, int auditProblems,
        HookRuns hook) {

    public HostMetrics {
        containers = List.copyOf(containers);
        audit = List.copyOf(audit);
    }

    /** Containers by state, lower case ({@code running}, {@code stopped}, ...), always with running and stopped. */
    public Map<String, Long> byState() {
        Map<String, Long> states = new TreeMap<>(Map.of("running", 0L, "stopped", 0L));
        containers.forEach(c -> states.merge(c.state().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum));
        return states;
    }

    public long stale() {
        return containers.stream().filter(c -> Boolean.TRUE.equals(c.stale())).count();
    }

    /** Containers whose own layer hides host system files (host updates do not reach those). */
    public long shadowing() {
        return containers.stream().filter(c -> c.shadowed() != null && !c.shadowed().isEmpty()).count();
    }

    public long held() {
        return containers.stream().filter(ContainerStatus::onHold).count();
    }

    /**
     * The last patch: the last {@code restart --stale}, whoever ran it (a person, the hook, {@code rootfleet patch});
     * empty when the log has none.
     */
    public Optional<AuditEntry> lastPatch() {
        for (int i = audit.size() - 1; i >= 0; i--) {
            AuditEntry e = audit.get(i);
            if (e.command().equals("restart") && e.argv().contains("--stale")) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** How long each container restart took, in seconds, over the whole audit log. */
    public List<Double> restartSeconds() {
        return audit.stream()
                .flatMap(e -> e.changed().restartMillis().values().stream())
                .map(ms -> ms / 1000.0)
                .toList();
    }
}
