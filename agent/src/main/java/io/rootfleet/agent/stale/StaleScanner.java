package io.rootfleet.agent.stale;

import io.rootfleet.agent.engine.Engine;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.packages.DpkgRecords;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Run;
import io.rootfleet.agent.sys.MountEntry;
import io.rootfleet.agent.sys.MountTable;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.report.StaleReport;
import io.rootfleet.model.report.StaleReport.ShadowedFile;
import io.rootfleet.model.report.StaleReport.StaleFile;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Finds the managed containers that still run files the host has replaced, and what their own layers hide.
 *
 * <p>A container is stale when one of its processes maps a program or library (a file with an executable
 * mapping) that a fresh start would show differently: its path now leads to another inode, or to nothing.
 * The processes are found in one pass over /proc (a container's processes share its init's PID namespace),
 * each maps file is read once and each host path looked up once per scan; no process is started per container.
 * Stale files are then attributed to the host packages that own them ({@link PackageAttribution}).
 */
public final class StaleScanner {
    private final Engine engine;
    private final AgentHome home;
    private final ProcFs proc;
    private final List<Path> dpkgLogs;
    private final DpkgRecords packages;

    public StaleScanner(Engine engine) {
        this(engine, DpkgLog.SYSTEM_LOGS);
    }

    /** Reads the host's package changes from {@code dpkgLogs} (oldest first) instead of /var/log/dpkg.log*. */
    public StaleScanner(Engine engine, List<Path> dpkgLogs) {
        this(engine, dpkgLogs, DpkgRecords.system());
    }

    /** As {@link #StaleScanner(Engine, List)}, attributing stale files with {@code packages} instead of /var/lib/dpkg. */
    public StaleScanner(Engine engine, List<Path> dpkgLogs, DpkgRecords packages) {
        this.engine = engine;
        this.home = engine.home();
        this.proc = new ProcFs(Path.of("/proc"));
        this.dpkgLogs = List.copyOf(dpkgLogs);
        this.packages = packages;
    }

    /** The host's dpkg logs, oldest first: the current one and the one before it. */
    public static List<Path> systemDpkgLogs() {
        return DpkgLog.SYSTEM_LOGS;
    }

    /**
     * Scans the given containers, or every managed container when {@code only} is empty. Names not managed
     * here are left out of the report. A container that stops during the scan is reported as not stale.
     */
    public StaleReport scan(Collection<ContainerName> only) {
        long startNanos = System.nanoTime();
        Set<ContainerName> wanted = Set.copyOf(only);
        List<ObservedContainer> containers = engine.observe().values().stream()
                .filter(c -> wanted.isEmpty() || wanted.contains(c.name()))
                .toList();
        return scan(containers, startNanos);
    }

    /** Scans containers already observed (as status has them), without asking LXC again. */
    public StaleReport scanObserved(Collection<ObservedContainer> containers) {
        return scan(containers, System.nanoTime());
    }

    private StaleReport scan(Collection<ObservedContainer> containers, long startNanos) {
        MountTable mounts = MountTable.read();
        boolean anyRunning = containers.stream().anyMatch(c -> c.run().running());
        if (anyRunning && mounts.at(home.rootMount()).isEmpty()) {
            throw new IllegalStateException("cannot tell which containers are stale: " + home.rootMount() + " (the"
                    + " read-only bind of / below every container's overlay) is not mounted; run rootfleet-agent apply"
                    + " to mount it again");
        }
        HostRoot host = new HostRoot(home.rootMount());
        ShadowAudit audit = new ShadowAudit(host, mounts.atOrBelow(home.containers()).stream()
                .map(MountEntry::mountPoint).collect(Collectors.toSet()));
        Map<ContainerName, String> namespaces = new HashMap<>();
        for (ObservedContainer c : containers) {
            if (c.run().running() && c.run().initPid().isPresent()) {
                proc.pidNamespace(c.run().initPid().getAsInt()).ifPresent(ns -> namespaces.put(c.name(), ns));
            }
        }
        Map<String, List<Integer>> processes = proc.processesIn(Set.copyOf(namespaces.values()));
        DpkgLog dpkg = anyRunning ? DpkgLog.read(dpkgLogs, ZoneId.systemDefault()) : new DpkgLog(List.of(), ZoneId.systemDefault());
        List<StaleReport.Container> scanned = containers.parallelStream()
                .map(c -> scanOne(c, processes.getOrDefault(namespaces.get(c.name()), List.of()), host, audit, dpkg))
                .sorted(Comparator.comparing(StaleReport.Container::name))
                .toList();
        PackageAttribution.Attributed attributed = new PackageAttribution(packages, dpkg).attribute(scanned);
        return new StaleReport(DesiredState.API_VERSION, (System.nanoTime() - startNanos) / 1_000_000,
                attributed.containers(), attributed.packages());
    }

    private StaleReport.Container scanOne(ObservedContainer c, List<Integer> pids, HostRoot host, ShadowAudit audit,
            DpkgLog dpkg) {
        String name = c.name().value();
        Set<String> declared = c.applied()
                .map(spec -> spec.files().stream().map(f -> f.path().value()).collect(Collectors.toSet()))
                .orElse(Set.of());
        List<ShadowedFile> shadowed = audit.audit(home.upper(c.name()), declared);
        Run run = c.run();
        if (!run.running() || run.initPid().isEmpty()) {
            return new StaleReport.Container(name, run.state(), null, null, false, List.of(), List.of(), shadowed);
        }
        int init = run.initPid().getAsInt();
        Optional<Instant> startedAt = proc.startTime(init);
        Optional<ProcFs.Device> overlay = proc.rootDevice(init);
        if (startedAt.isEmpty() || overlay.isEmpty() || pids.isEmpty()) {
            // its init exited since LXC listed it: it stopped (or restarted) in the meantime
            return new StaleReport.Container(name, run.state(), init, null, false, List.of(), List.of(), shadowed);
        }
        List<StaleFile> staleFiles = staleFiles(pids, overlay.get(),
                new OverlayLayers(home.upper(c.name()), home.maskDir(c.name()), host, proc));
        return new StaleReport.Container(name, run.state(), init, startedAt.get().toString(), !staleFiles.isEmpty(),
                staleFiles, dpkg.changedSince(startedAt.get()), shadowed);
    }

    /** One path at one inode, as the processes that map it see it. */
    private record Mapping(String path, long inode) {}

    private List<StaleFile> staleFiles(List<Integer> pids, ProcFs.Device overlay, LayerView layers) {
        Map<Mapping, StaleVerdict.Finding> findings = new TreeMap<>(
                Comparator.comparing(Mapping::path).thenComparingLong(Mapping::inode));
        Map<Mapping, List<Integer>> mappedBy = new HashMap<>();
        for (int pid : pids) {
            Optional<String> maps = proc.maps(pid);
            if (maps.isEmpty()) {
                continue; // exited
            }
            for (MappedFile file : ProcMaps.parse(maps.get())) {
                // only programs and libraries: a data file mapped for reading is not what a patch is about;
                // files on other devices are bind mounts, tmpfs or shared memory: not the overlay's to judge
                if (!file.executable() || !file.onDevice(overlay.major(), overlay.minor())) {
                    continue;
                }
                StaleVerdict.judge(pid, file, layers).ifPresent(finding -> {
                    Mapping mapping = new Mapping(file.path(), file.inode());
                    findings.putIfAbsent(mapping, finding);
                    mappedBy.computeIfAbsent(mapping, m -> new ArrayList<>()).add(pid);
                });
            }
        }
        Map<Integer, String> commands = new HashMap<>();
        List<StaleFile> files = new ArrayList<>();
        findings.forEach((mapping, finding) -> {
            List<Integer> by = mappedBy.get(mapping);
            List<String> names = by.stream()
                    .map(pid -> commands.computeIfAbsent(pid, p -> proc.command(p).orElse("?")))
                    .toList();
            files.add(new StaleFile(mapping.path(), mapping.inode(), finding.currentInode(), finding.reason(), by, names));
        });
        return files;
    }
}
