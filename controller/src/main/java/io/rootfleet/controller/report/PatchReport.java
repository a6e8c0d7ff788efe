package io.rootfleet.controller.report;

import io.rootfleet.controller.patch.HostPatch;
import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.patch.PatchVerdict;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.RestartSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The end of {@code rootfleet patch}: a row per host (stale before, restarted, failed, stale after), where the
 * rollout stopped if it did, the host package changes behind the stale containers (before the restarts), the before
 * and after counts, and the hosts by verdict.
 */
public final class PatchReport {
    private static final String ROW = "%-20s %-11s %6s %9s %6s %5s %7dms  %s%n";

    private final PatchResult result;
    private final ExitStatus exitStatus;

    public PatchReport(PatchResult result, ExitStatus exitCode) {
        this.result = result;
        this.exitStatus = exitCode;
    }

    public void print(PrintWriter out) {
        out.printf("%-20s %-11s %6s %9s %6s %5s %9s  %s%n", "HOST", "RESULT", "BEFORE", "RESTARTED", "FAILED", "AFTER", "TIME",
                "DETAIL");
        for (HostPatch h : result.hosts()) {
            RestartSummary s = h.restart().flatMap(r -> r.summary()).orElse(null);
            out.printf(ROW, h.host(), h.verdict().label(), count(h.staleBefore()), s == null ? "-" : s.restarted().size(),
                    s == null ? "-" : s.failed().size(), count(h.staleAfter()), h.millis(), h.detail().orElse(""));
            if (s != null) {
                s.failures().forEach(f -> out.println("    " + f.line()));
                s.held().forEach(held -> out.println("    " + held.line()));
                if (!s.notRestarted().isEmpty()) {
                    out.println("    not restarted: " + String.join(", ", s.notRestarted()));
                }
            }
        }
        result.canary().ifPresent(c -> out.println(canary(c)));
        result.stop().ifPresent(stop -> out.println(stopped(stop)));
        FleetPackages.print(before(result), out);
        out.println(counts(result));
        out.println(hosts(result));
    }

    /** Why the rollout ended early and what it left alone. */
    public static String stopped(PatchResult.Stop stop) {
        String notTouched = stop.notTouched().isEmpty() ? "none" : String.join(", ", stop.notTouched());
        switch (stop.reason()) {
            case CANARY_FAILED:
                return "CANARY FAILED, the campaign stopped: " + stop.detail().orElse("the canary failed")
                        + "; not touched: " + notTouched;
            case INTERRUPTED:
                return "INTERRUPTED (" + stop.detail().orElse("asked to stop") + "): the hosts under way finished their batch"
                        + " under way, no other was started; not touched: " + notTouched;
            default:
                break;
        }
        return "the rollout stopped after host batch " + stop.batch() + " of " + stop.batches() + ": " + stop.failed() + " of "
                + stop.done() + " host(s) failed (" + (stop.failed() * 100 / stop.done()) + "%), more than"
                + " --max-fail-percentage " + stop.limit().maxPercent() + " allows; not touched: " + String.join(", ", stop.notTouched());
    }

    /** {@code canary a, b: restarted in 12 s, healthy through 3 checks over 300 s}, or why it failed. */
    public static String canary(PatchResult.CanaryPhase c) {
        String hosts = "canary " + String.join(", ", c.hosts()) + ": restarted in " + seconds(c.restartMillis());
        if (!c.passed()) {
            return hosts + "; FAILED";
        }
        if (c.checks() == 0) {
            return hosts + "; not soaked (stopped when asked)";
        }
        return hosts + ", then healthy through " + c.checks() + " check(s) over " + seconds(c.soakMillis());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** {@code stale: 312 -> 0 on 14 hosts}, or with --check {@code stale: 312 on 14 hosts; nothing restarted (--check)}. */
    public static String counts(PatchResult result) {
        int scanned = result.hostsScanned();
        String on = " on " + scanned + (scanned == 1 ? " host" : " hosts");
        if (result.check()) {
            return "stale: " + result.staleBefore() + on + "; nothing restarted (--check)";
        }
        List<String> unknown = result.notRescanned();
        return "stale: " + result.staleBefore() + " -> " + result.staleAfter() + on
                + (unknown.isEmpty() ? "" : "; unknown now on " + String.join(", ", unknown) + " (not scanned after the restart)");
    }

    /** {@code 3 host(s): 2 patched, 1 unreachable; 4 container(s) restarted}: only the verdicts that occur. */
    public static String hosts(PatchResult result) {
        List<String> verdicts = new ArrayList<>();
        for (PatchVerdict verdict : PatchVerdict.values()) {
            long n = result.count(verdict);
            if (n > 0) {
                verdicts.add(n + " " + verdict.label().toLowerCase(Locale.ROOT));
            }
        }
        String line = result.hosts().size() + " host(s): " + String.join(", ", verdicts);
        if (result.check()) {
            return line;
        }
        long held = result.hosts().stream().mapToLong(h -> h.held().size()).sum();
        return line + "; " + result.restarted() + " container(s) restarted"
                + (result.failedContainers() == 0 ? "" : ", " + result.failedContainers() + " failed")
                + (held == 0 ? "" : ", " + held + " held, not restarted");
    }

    /** The scans before any restart: what the package changes are counted from. */
    private static List<HostScan> before(PatchResult result) {
        return result.hosts().stream().map(HostPatch::before).toList();
    }

    private static String count(OptionalInt n) {
        return n.isPresent() ? String.valueOf(n.getAsInt()) : "-";
    }

    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("check", result.check());
        doc.put("exitCode", exitStatus.code());
        doc.put("hostsScanned", result.hostsScanned());
        doc.put("staleBefore", result.staleBefore());
        if (!result.check()) {
            doc.put("staleAfter", result.staleAfter());
            doc.put("notRescanned", result.notRescanned());
        }
        result.canary().ifPresent(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hosts", c.hosts());
            m.put("passed", c.passed());
            m.put("restartMillis", c.restartMillis());
            m.put("soakMillis", c.soakMillis());
            m.put("checks", c.checks());
            c.failure().ifPresent(f -> m.put("failure", f));
            doc.put("canary", m);
        });
        result.stop().ifPresent(stop -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("reason", stop.reason().name().toLowerCase(Locale.ROOT));
            stop.detail().ifPresent(d -> s.put("detail", d));
            s.put("afterBatch", stop.batch());
            s.put("batches", stop.batches());
            s.put("failedHosts", stop.failed());
            s.put("doneHosts", stop.done());
            s.put("maxFailPercentage", stop.limit().maxPercent());
            s.put("notTouched", stop.notTouched());
            doc.put("stopped", s);
        });
        doc.put("packages", FleetPackages.of(before(result)));
        doc.put("hosts", result.hosts().stream().map(PatchReport::host).toList());
        return ReportJson.write(doc);
    }

    private static Map<String, Object> host(HostPatch h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", h.host());
        m.put("status", h.verdict().name().toLowerCase(Locale.ROOT));
        m.put("millis", h.millis());
        h.detail().ifPresent(d -> m.put("error", d));
        h.staleBefore().ifPresent(n -> m.put("staleBefore", n));
        h.staleAfter().ifPresent(n -> m.put("staleAfter", n));
        h.before().report().ifPresent(r -> m.put("before", r));
        h.restart().flatMap(r -> r.summary()).ifPresent(s -> m.put("restart", s));
        if (!h.held().isEmpty()) {
            m.put("held", h.held());
        }
        h.after().flatMap(HostScan::report).ifPresent(r -> m.put("after", r));
        return m;
    }
}
