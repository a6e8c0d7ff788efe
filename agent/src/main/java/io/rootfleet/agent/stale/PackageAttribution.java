package io.rootfleet.agent.stale;

import io.rootfleet.agent.packages.DebianVersion;
import io.rootfleet.agent.packages.DpkgRecords;
import io.rootfleet.model.report.PackageChange;
import io.rootfleet.model.report.StaleReport;
import io.rootfleet.model.report.StaleReport.StaleFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attributes stale files to the host packages that own them, and groups the containers by package change.
 *
 * <p>The owner comes from dpkg's file lists; the version a container still runs is the "from" of the first
 * dpkg log line for that package since the container started (before that line it saw the version installed at
 * its start); the new version is what dpkg's status says is installed now (none when removed). The CVE ids are
 * those the package's Debian changelog names in the entries between the two. Files replaced in the container's
 * own layer are not the host's: they stay unattributed, as do files no package owns.
 */
final class PackageAttribution {
    /** The containers with {@code hostPackage} set on their stale files, and the package changes behind them. */
    record Attributed(List<StaleReport.Container> containers, List<PackageChange> packages) {}

    private record Key(String name, String from, String to) {}

    private final DpkgRecords records;
    private final DpkgLog log;

    PackageAttribution(DpkgRecords records, DpkgLog log) {
        this.records = records;
        this.log = log;
    }

    Attributed attribute(List<StaleReport.Container> containers) {
        Set<String> paths = new LinkedHashSet<>();
        containers.forEach(c -> c.staleFiles().stream().filter(PackageAttribution::fromHost)
                .forEach(f -> paths.add(f.path())));
        if (paths.isEmpty()) {
            return new Attributed(containers, List.of());
        }
        Map<String, String> owners = records.owners(paths);
        Map<Key, Set<String>> byChange = new LinkedHashMap<>();
        Map<Key, String> listNames = new HashMap<>();
        List<StaleReport.Container> attributed = new ArrayList<>();
        for (StaleReport.Container c : containers) {
            List<StaleFile> files = new ArrayList<>();
            for (StaleFile f : c.staleFiles()) {
                String owner = fromHost(f) ? owners.get(f.path()) : null;
                if (owner == null) {
                    files.add(f);
                    continue;
                }
                String name = DpkgRecords.baseName(owner);
                files.add(new StaleFile(f.path(), f.runningInode(), f.currentInode(), f.reason(), f.pids(), f.commands(),
                        name));
                Key key = new Key(name, runningVersion(name, c.startedAt()), records.installedVersion(owner).orElse(null));
                byChange.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(c.name());
                listNames.putIfAbsent(key, owner);
            }
            attributed.add(new StaleReport.Container(c.name(), c.state(), c.initPid(), c.startedAt(), c.stale(), files,
                    c.hostPackages(), c.shadowed()));
        }
        List<PackageChange> packages = new ArrayList<>();
        byChange.forEach((key, names) -> packages.add(new PackageChange(key.name(), key.from(), key.to(),
                cves(listNames.get(key), key), List.copyOf(names))));
        packages.sort(Comparator.comparing((PackageChange p) -> -p.containers().size()).thenComparing(PackageChange::name));
        return new Attributed(attributed, packages);
    }

    /** A host file a package may own: Debian packages never install into /usr/local (policy 9.1.2). */
    private static boolean fromHost(StaleFile f) {
        return (StaleVerdict.REPLACED_ON_HOST.equals(f.reason()) || StaleVerdict.REMOVED_FROM_HOST.equals(f.reason()))
                && !f.path().startsWith("/usr/local/");
    }

    /** The version the container started with, when the log tells it; null when unknown or not installed then. */
    private String runningVersion(String name, String startedAt) {
        if (startedAt == null) {
            return null;
        }
        return log.runningVersion(name, Instant.parse(startedAt)).orElse(null);
    }

    private List<String> cves(String owner, Key key) {
        if (key.from() == null || key.to() == null) {
            return List.of();
        }
        try {
            DebianVersion from = DebianVersion.parse(key.from());
            DebianVersion to = DebianVersion.parse(key.to());
            return records.changelog(owner).map(changelog -> changelog.cvesFixed(from, to)).orElse(List.of());
        } catch (IllegalArgumentException notAVersion) {
            return List.of();
        }
    }
}
