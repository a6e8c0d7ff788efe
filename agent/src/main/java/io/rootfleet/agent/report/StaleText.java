package io.rootfleet.agent.report;

import io.rootfleet.model.report.PackageChange;
import io.rootfleet.model.report.StaleReport;
import io.rootfleet.model.report.StaleReport.ShadowedFile;
import io.rootfleet.model.report.StaleReport.StaleFile;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A stale report for a person: a line per container, what makes it stale, what it hides, then the host package
 * changes behind the stale files and the counts.
 */
public final class StaleText {
    /** Host packages listed per container before the rest is only counted. */
    static final int PACKAGES_SHOWN = 8;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    public StaleText(ZoneId zone) {
        this.zone = zone;
    }

    public void print(StaleReport report, PrintWriter out) {
        out.printf("%-24s %-8s %-5s %8s  %s%n", "NAME", "STATE", "STALE", "PID", "STARTED");
        for (StaleReport.Container c : report.containers()) {
            boolean running = c.state().equals("RUNNING");
            out.printf("%-24s %-8s %-5s %8s  %s%n", c.name(), c.state(), !running ? "-" : c.stale() ? "yes" : "no",
                    c.initPid() == null ? "-" : c.initPid(), c.startedAt() == null ? "-" : local(c.startedAt()));
            for (StaleFile f : c.staleFiles()) {
                out.printf("  stale: %s  %s, inode %d -> %s, used by %s%s%n", f.path(), f.reason(), f.runningInode(),
                        f.currentInode() == null ? "none" : f.currentInode(), processes(f),
                        f.hostPackage() == null ? "" : "; package " + f.hostPackage());
            }
            if (!c.hostPackages().isEmpty()) {
                out.println("  host packages changed since it started: " + packages(c.hostPackages()));
            }
            for (ShadowedFile s : c.shadowed()) {
                out.printf("  hides host file: %s  %s%s%n", s.path(), s.kind(), s.declared() ? ", declared" : "");
            }
        }
        if (!report.packages().isEmpty()) {
            out.println("Host packages behind the stale files:");
            for (PackageChange p : report.packages()) {
                out.println("  " + line(p));
            }
        }
        out.println(counts(report));
    }

    /** E.g. "libssl3 3.0.19-1 -> 3.0.22-1 (CVE-2099-0001): 2 containers (web-1, web-2)". */
    static String line(PackageChange p) {
        int n = p.containers().size();
        List<String> shown = n <= PACKAGES_SHOWN ? p.containers() : p.containers().subList(0, PACKAGES_SHOWN);
        return p.describe() + ": " + n + (n == 1 ? " container (" : " containers (") + String.join(", ", shown)
                + (n > PACKAGES_SHOWN ? ", +" + (n - PACKAGES_SHOWN) + " more" : "") + ")";
    }

    /** E.g. "2 of 5 running containers are stale; 1 container hides host system files". */
    static String counts(StaleReport report) {
        long running = report.containers().stream().filter(c -> c.state().equals("RUNNING")).count();
        long hiding = report.containers().stream()
                .filter(c -> c.shadowed().stream().anyMatch(s -> !s.declared()))
                .count();
        return report.staleCount() + " of " + running + " running " + (running == 1 ? "container is" : "containers are")
                + " stale; " + (hiding == 0 ? "no container hides" : hiding == 1 ? "1 container hides" : hiding + " containers hide")
                + " host system files";
    }

    private String local(String instant) {
        return LOCAL.format(LocalDateTime.ofInstant(Instant.parse(instant), zone));
    }

    private static String processes(StaleFile f) {
        List<String> each = new ArrayList<>();
        for (int i = 0; i < f.pids().size(); i++) {
            each.add(f.pids().get(i) + "/" + f.commands().get(i));
        }
        return String.join(" ", each);
    }

    private static String packages(List<String> packages) {
        if (packages.size() <= PACKAGES_SHOWN) {
            return String.join(", ", packages);
        }
        return String.join(", ", packages.subList(0, PACKAGES_SHOWN)) + " (+" + (packages.size() - PACKAGES_SHOWN)
                + " more; --json lists them all)";
    }
}
