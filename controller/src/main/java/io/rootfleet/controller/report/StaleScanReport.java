package io.rootfleet.controller.report;

import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.report.StaleReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first step of {@code rootfleet patch}, per host: which containers are stale and why (the replaced files
 * and the processes that still map them), and which containers' own layers hide host system files, so that a
 * host update will never reach them; then the host package changes behind the stale containers, across hosts.
 */
public final class StaleScanReport {
    private static final int FILES_SHOWN = 3;
    private static final int PATHS_SHOWN = 5;

    private final List<HostScan> scans;

    public StaleScanReport(List<HostScan> scans) {
        this.scans = scans;
    }

    public void print(PrintWriter out) {
        for (HostScan scan : scans) {
            if (!scan.ok()) {
                out.println(scan.host() + ": " + scan.status() + ": " + scan.error().orElse(""));
                continue;
            }
            long running = scan.containers().stream().filter(c -> "RUNNING".equals(c.state())).count();
            out.println(scan.host() + ": " + scan.staleCount() + " of " + running + " running container(s) stale");
            scan.stale().forEach(c -> printStale(out, c));
            scan.shadowing().forEach(c -> out.println("  ! " + shadowing(c)));
        }
        FleetPackages.print(scans, out);
        out.flush();
    }

    private static void printStale(PrintWriter out, StaleReport.Container c) {
        String first = "  " + c.name() + ": ";
        String indent = " ".repeat(first.length());
        List<StaleReport.StaleFile> files = c.staleFiles();
        if (files.isEmpty()) {
            out.println(first + "stale" + (c.hostPackages().isEmpty() ? "" : " (host packages changed since it started: "
                    + listed(c.hostPackages(), PATHS_SHOWN) + ")"));
            return;
        }
        for (int i = 0; i < Math.min(FILES_SHOWN, files.size()); i++) {
            out.println((i == 0 ? first : indent) + staleFile(files.get(i)));
        }
        if (files.size() > FILES_SHOWN) {
            out.println(indent + "... and " + (files.size() - FILES_SHOWN) + " more file(s)");
        }
        if (!c.hostPackages().isEmpty()) {
            out.println(indent + "host packages changed since it started: " + listed(c.hostPackages(), PATHS_SHOWN));
        }
    }

    /** {@code /usr/lib/x86_64-linux-gnu/libssl.so.3 (replaced on the host) — apache2 x4}. */
    static String staleFile(StaleReport.StaleFile file) {
        String processes = processes(file.commands());
        return file.path() + (file.reason() == null ? "" : " (" + file.reason() + ")") + (processes.isEmpty() ? "" : " — " + processes);
    }

    /** Command names, each once with its count: {@code apache2 x4, sh}. */
    static String processes(List<String> commands) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        commands.forEach(command -> counts.merge(command, 1, Integer::sum));
        return String.join(", ", counts.entrySet().stream()
                .map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " x" + e.getValue()).toList());
    }

    /** {@code web-3: its own layer hides 2 host system file(s), which host updates will not reach: ...}. */
    static String shadowing(StaleReport.Container c) {
        List<String> paths = c.shadowed().stream().map(f -> f.path() + (f.declared() ? " (from its files:)" : "")).toList();
        return c.name() + ": its own layer hides " + paths.size() + " host system file(s), which host updates will not reach: "
                + listed(paths, PATHS_SHOWN);
    }

    private static String listed(List<String> items, int shown) {
        String list = String.join(", ", items.subList(0, Math.min(shown, items.size())));
        return items.size() > shown ? list + " and " + (items.size() - shown) + " more" : list;
    }
}
