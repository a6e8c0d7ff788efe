package io.rootfleet.agent.inspect;

import io.rootfleet.model.report.ContainerStatus;
import io.rootfleet.model.report.PackageChange;
import io.rootfleet.model.report.Sizes;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code status} for people: one table row per container, then the host files each one's own layer hides and the
 * host package changes behind the stale ones.
 */
public final class StatusText {
    private static final String ROW = "%-24s %-9s %-8s %-9s %8s %10s  %-5s  %s%n";

    private StatusText() {}

    /** @param home the agent home, named when it manages no container */
    public static void print(HostStatus status, Path home, PrintWriter out) {
        if (status.containers().isEmpty()) {
            out.println("No containers managed in " + home + ".");
            return;
        }
        out.printf(ROW, "NAME", "DESIRED", "STATE", "HEALTH", "PID", "OWN-LAYER", "STALE", "IN-SYNC");
        for (ContainerStatus s : status.containers()) {
            out.printf(ROW, s.name(), s.desired(), s.state(), s.health() == null ? "-" : s.health(),
                    s.initPid() == null ? "-" : s.initPid(),
                    Sizes.human(s.upperBytes()), s.stale() == null ? "-" : s.stale() ? "yes" : "no",
                    s.inSync() ? "yes" : "no: " + s.detail());
        }
        for (ContainerStatus s : status.containers()) {
            if (Boolean.TRUE.equals(s.privileged())) {
                out.println("PRIVILEGED: " + s.name() + " runs as the host's root (privileged: true): nothing separates"
                        + " its root from this host's");
            }
            if (s.onHold()) {
                out.println("HELD " + s.name() + ": " + s.holdReason() + "; restart --stale, the apt hook and rootfleet"
                        + " patch leave it alone (rootfleet-agent unhold)");
            }
        }
        for (ContainerStatus s : status.containers()) {
            if (s.shadowed() != null && !s.shadowed().isEmpty()) {
                out.println(s.name() + " hides host files: " + s.shadowed().get(0)
                        + (s.shadowed().size() > 1 ? " (+" + (s.shadowed().size() - 1) + " more)" : ""));
            }
        }
        for (PackageChange p : status.packages()) {
            int n = p.containers().size();
            out.println("stale by host package " + p.describe() + ": " + n + (n == 1 ? " container" : " containers")
                    + " (rootfleet-agent stale for the files)");
        }
    }
}
