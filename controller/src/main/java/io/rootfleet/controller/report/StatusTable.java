package io.rootfleet.controller.report;

import io.rootfleet.controller.push.AgentAudit;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerStatus;
import io.rootfleet.model.report.Sizes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code rootfleet status}: hosts x containers (state, health from the last check, stale, host files its own layer
 * hides, disk used by that layer, drift from the playbook), then a note per container that hides host system files and one for the
 * stale ones. A container in the playbook that its host does not have is "absent" (deleted as asked, or not yet
 * created: its drift says which). The agent counts only hidden files the container's definition does not write itself. An agent
 * that does not report staleness, hidden files or health shows "-" for them.
 */
public final class StatusTable {
    private static final String ROW = "%-16s %-24s %-9s %-8s %-9s %-5s %7s %10s  %s%n";
    private static final int PATHS_SHOWN = 5;
    /** The STATE of a container the host does not have: not an error, just not there (yet, or any more). */
    private static final String ABSENT = "absent";

    /**
     * One host's answer.
     *
     * @param containers what its agent reports
     * @param plan the plan that would bring it to the playbook (for the drift)
     */
    public record HostRows(
            String host, HostOutcome.Status status, Optional<String> error, List<ContainerStatus> containers,
            List<AgentEvent.PlannedContainer> plan) {}

    private StatusTable() {}

    public static void print(PrintWriter out, List<HostRows> hosts) {
        out.printf(ROW, "HOST", "CONTAINER", "DESIRED", "STATE", "HEALTH", "STALE", "SHADOWS", "OWN-LAYER", "DRIFT");
        List<String> notes = new ArrayList<>();
        int stale = 0;
        int held = 0;
        for (HostRows host : hosts) {
            if (host.status() != HostOutcome.Status.OK) {
                out.printf(ROW, host.host(), "-", "-", host.status(), "-", "-", "-", "-", host.error().orElse(""));
                continue;
            }
            Map<String, ContainerStatus> actual = new LinkedHashMap<>();
            host.containers().forEach(c -> actual.put(c.name(), c));
            Map<String, AgentEvent.PlannedContainer> plan = new LinkedHashMap<>();
            host.plan().forEach(p -> plan.put(p.container(), p));
            TreeSet<String> names = new TreeSet<>(actual.keySet());
            names.addAll(plan.keySet());
            for (String name : names) {
                ContainerStatus c = actual.get(name);
                out.printf(ROW, host.host(), name, c == null ? desiredOfAbsent(plan.get(name)) : c.desired(),
                        c == null ? ABSENT : c.state(), c == null || c.health() == null ? "-" : c.health(),
                        c == null ? "-" : stale(c.stale()), c == null || c.shadowed() == null ? "-" : c.shadowed().size(),
                        c == null ? "-" : Sizes.human(c.upperBytes()), drift(plan.get(name)));
                if (c != null && Boolean.TRUE.equals(c.privileged())) {
                    notes.add("PRIVILEGED: " + host.host() + "/" + name + " runs as its host's root (privileged: true):"
                            + " nothing separates its root from the host's");
                }
                if (c != null && Boolean.TRUE.equals(c.stale())) {
                    stale++;
                }
                if (c != null && c.onHold()) {
                    held++;
                    notes.add("HELD " + host.host() + "/" + name + ": " + c.holdReason() + "; rootfleet patch, restart"
                            + " --stale and the apt hook leave it alone (rootfleet-agent unhold)");
                }
                if (c != null && c.shadowed() != null && !c.shadowed().isEmpty()) {
                    notes.add("note: " + host.host() + "/" + name + ": its own layer hides " + c.shadowed().size()
                            + " host system file(s), which host updates will not reach: " + listed(c.shadowed()));
                }
            }
        }
        notes.forEach(out::println);
        if (stale > 0) {
            out.println("note: " + stale + " container(s) still run files their host has replaced since they started;"
                    + " rootfleet patch restarts them" + (held == 0 ? "" : " (not the held ones)"));
        }
    }

    /** {@code status --audit}: one line per host, {@code HOST  last change: WHEN WHO COMMAND -> RESULT}. */
    public static void printLastChanges(PrintWriter out, List<AgentAudit.HostAudit> audits) {
        for (AgentAudit.HostAudit a : audits) {
            out.printf("%-16s %s%n", a.host(), a.error().map(e -> "last change: unknown (" + e + ")")
                    .orElseGet(() -> a.last().map(AgentAudit.LastChange::line).orElse("last change: none recorded")));
        }
    }

    /**
     * What the playbook wants of a container the host does not have: "absent" when that is what it asks for
     * (the plan has nothing to do), else "-" (the drift column says what would create it).
     */
    private static String desiredOfAbsent(AgentEvent.PlannedContainer p) {
        return p != null && p.verdict().equals("up-to-date") && p.detail().equals(ABSENT) ? ABSENT : "-";
    }

    /**
     * {@code status --json}: one object, {@code {apiVersion, hosts: [{host, status, error?, containers, drift}]}}, where
     * drift lists the plan's containers that are not up to date.
     */
    public static String toJson(List<HostRows> hosts) {
        return toJson(hosts, List.of());
    }

    /** The same with each host's last change ({@code lastChange}, or {@code lastChangeError}) from {@code --audit}. */
    public static String toJson(List<HostRows> hosts, List<AgentAudit.HostAudit> audits) {
        Map<String, AgentAudit.HostAudit> byHost = new LinkedHashMap<>();
        audits.forEach(a -> byHost.put(a.host(), a));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", DesiredState.API_VERSION);
        doc.put("hosts", hosts.stream().map(h -> hostJson(h, Optional.ofNullable(byHost.get(h.host())))).toList());
        return ReportJson.write(doc);
    }

    private static Map<String, Object> hostJson(HostRows host, Optional<AgentAudit.HostAudit> audit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host.host());
        m.put("status", host.status().name().toLowerCase(Locale.ROOT));
        host.error().ifPresent(e -> m.put("error", e));
        m.put("containers", host.containers());
        m.put("drift", host.plan().stream().filter(p -> !p.verdict().equals("up-to-date")).toList());
        audit.ifPresent(a -> {
            a.last().ifPresent(last -> m.put("lastChange", last));
            a.error().ifPresent(e -> m.put("lastChangeError", e));
        });
        return m;
    }

    private static String stale(Boolean stale) {
        return stale == null ? "-" : stale ? "yes" : "no";
    }

    private static String drift(AgentEvent.PlannedContainer p) {
        return p == null || p.verdict().equals("up-to-date") ? "none"
                : p.verdict().equals("unlisted") ? "not in the playbook"
                : String.join(", ", p.actions()) + " (" + p.detail() + ")";
    }

    private static String listed(List<String> paths) {
        String list = String.join(", ", paths.subList(0, Math.min(PATHS_SHOWN, paths.size())));
        return paths.size() > PATHS_SHOWN ? list + " and " + (paths.size() - PATHS_SHOWN) + " more" : list;
    }
}
