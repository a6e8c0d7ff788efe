package io.rootfleet.controller.report;

import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.report.PackageChange;
import io.rootfleet.model.report.StaleReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The host package changes behind the fleet's stale containers, across hosts: each agent's {@code packages}
 * merged by package and version change, its containers named "HOST/NAME", its CVE ids united. Reads as
 * {@code libssl3 3.0.19-1 -> 3.0.22-1 (CVE-...): 14 containers on 3 hosts}.
 */
public final class FleetPackages {
    private FleetPackages() {}

    private record Key(String name, String from, String to) {}

    /** The merged changes, most containers first; scans that failed, or came from agents without attribution, add none. */
    public static List<PackageChange> of(List<HostScan> scans) {
        Map<Key, Set<String>> cves = new LinkedHashMap<>();
        Map<Key, Set<String>> containers = new LinkedHashMap<>();
        for (HostScan scan : scans) {
            for (PackageChange p : scan.report().map(StaleReport::packages).orElse(List.of())) {
                Key key = new Key(p.name(), p.fromVersion(), p.toVersion());
                cves.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(p.cves());
                Set<String> names = containers.computeIfAbsent(key, k -> new LinkedHashSet<>());
                p.containers().forEach(c -> names.add(scan.host() + "/" + c));
            }
        }
        List<PackageChange> merged = new ArrayList<>();
        cves.forEach((key, ids) -> merged.add(new PackageChange(key.name(), key.from(), key.to(), List.copyOf(ids),
                List.copyOf(containers.get(key)))));
        merged.sort(Comparator.comparing((PackageChange p) -> -p.containers().size()).thenComparing(PackageChange::name)
                .thenComparing(p -> Objects.toString(p.fromVersion(), "")));
        return merged;
    }

    /** The hosts a merged change's containers ("HOST/NAME") are on. */
    public static Set<String> hosts(PackageChange merged) {
        Set<String> hosts = new LinkedHashSet<>();
        merged.containers().forEach(c -> hosts.add(c.substring(0, Math.max(0, c.lastIndexOf('/')))));
        return hosts;
    }

    /** {@code libssl3 3.0.19-1 -> 3.0.22-1 (CVE-2099-0001): 14 containers on 3 hosts}. */
    public static String line(PackageChange merged) {
        int n = merged.containers().size();
        int h = hosts(merged).size();
        return merged.describe() + ": " + n + (n == 1 ? " container" : " containers") + " on " + h + (h == 1 ? " host" : " hosts");
    }

    /** A heading and a line per change, or nothing when no scan attributed a stale file. */
    public static void print(List<HostScan> scans, java.io.PrintWriter out) {
        List<PackageChange> merged = of(scans);
        if (merged.isEmpty()) {
            return;
        }
        out.println("host packages behind the stale containers:");
        merged.forEach(p -> out.println("  " + line(p)));
    }
}
