package io.rootfleet.controller.report;

import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.PlanSymbols;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The end of a fleet run: per-host plans (for --check), a per-host table, a summary line and the exit code. */
public final class FleetReport {
    private final List<HostOutcome> outcomes;
    private final boolean check;
    private final ExitStatus exitStatus;

    public FleetReport(List<HostOutcome> outcomes, boolean check, ExitStatus exitCode) {
        this.outcomes = outcomes;
        this.check = check;
        this.exitStatus = exitCode;
    }

    public void print(PrintWriter out) {
        if (check) {
            for (HostOutcome o : outcomes) {
                out.println("Plan for " + o.host() + ":");
                List<AgentEvent.PlannedContainer> changes = o.plan().stream().filter(p -> !p.verdict().equals("up-to-date")).toList();
                if (changes.isEmpty() && o.status() == HostOutcome.Status.OK) {
                    out.println("  nothing to change");
                }
                for (AgentEvent.PlannedContainer p : changes) {
                    out.printf("  %s %-24s %s  (%s)%n", PlanSymbols.of(p), p.container(),
                            String.join(", ", p.actions()), p.detail());
                }
            }
            out.println();
        }
        out.printf("%-20s %-11s %7s %6s %7s %8s %9s  %s%n", "HOST", "RESULT", "CHANGED", "FAILED", "OK", "UNLISTED", "TIME", "DETAIL");
        for (HostOutcome o : outcomes) {
            AgentEvent.Summary s = o.summary().orElse(null);
            out.printf("%-20s %-11s %7s %6s %7s %8s %7dms  %s%n", o.host(), label(o),
                    s == null ? "-" : s.changed(), s == null ? "-" : s.failed(), s == null ? "-" : s.unchanged(),
                    s == null ? "-" : s.unlisted().size(), o.millis(), o.error().orElse(""));
            if (s != null) {
                s.failures().forEach(f -> out.println("    " + f.line()));
                if (!s.notTouched().isEmpty()) {
                    out.println("    not touched (the rolling restart stopped at --max-fail; they run as they were): "
                            + String.join(", ", s.notTouched()));
                }
                if (!check && !s.unlisted().isEmpty()) {
                    out.println("    " + unlisted(s.unlisted()));
                }
            }
        }
        long ok = outcomes.stream().filter(o -> o.status() == HostOutcome.Status.OK).count();
        long failed = outcomes.stream().filter(o -> o.status() == HostOutcome.Status.FAILED).count();
        long unreachable = outcomes.stream().filter(o -> o.status() == HostOutcome.Status.UNREACHABLE).count();
        int changed = outcomes.stream().mapToInt(HostOutcome::changed).sum();
        out.printf("%d host(s): %d ok, %d failed, %d unreachable; %d container(s) %s%n", outcomes.size(), ok, failed,
                unreachable, changed, check ? "would change" : "changed");
    }

    /** The containers a host has that the playbook does not list (with --check, its plan already names them). */
    static String unlisted(List<String> names) {
        return "unlisted: " + String.join(", ", names) + " (not in the playbook; left as "
                + (names.size() == 1 ? "it is" : "they are") + ", --prune destroys " + (names.size() == 1 ? "it)" : "them)");
    }

    private String label(HostOutcome o) {
        return switch (o.status()) {
            case OK -> check ? "planned" : o.changed() == 0 ? "unchanged" : "changed";
            case FAILED -> "FAILED";
            case UNREACHABLE -> "UNREACHABLE";
        };
    }

    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("check", check);
        doc.put("exitCode", exitStatus.code());
        doc.put("hosts", outcomes.stream().map(o -> {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("host", o.host());
            host.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
            host.put("millis", o.millis());
            o.error().ifPresent(e -> host.put("error", e));
            host.put("plan", o.plan());
            o.summary().ifPresent(s -> host.put("summary", s));
            return host;
        }).toList());
        return ReportJson.write(doc);
    }
}
