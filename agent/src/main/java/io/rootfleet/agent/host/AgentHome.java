package io.rootfleet.agent.host;

import io.rootfleet.model.ContainerName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where the agent keeps everything on a host. One directory per container holds its LXC config, its own
 * layer and what was last applied, so the containers directory doubles as LXC's lxcpath.
 *
 * <pre>
 * HOME/agent.lock                    the host lock every mutation takes
 * HOME/desired.json                  the desired state last given to apply
 * HOME/hook.log                      what the apt/dpkg hook did (rootfleet-agent hook)
 * HOME/hook-wait.lock                held by the one hook waiting for dpkg to finish
 * HOME/hook-run.lock                 held by the hook while it scans and restarts
 * HOME/id-ranges.json               the id range of each unprivileged container
 * HOME/holds.json                    containers (or the whole host) held out of automatic restarts
 * HOME/audit.log                     one JSON line per change: when, who, what, the result
 * HOME/metrics.json                  the metrics settings (the node_exporter textfile directory)
 * HOME/root/                         read-only, non-recursive bind of the host's /
 * HOME/root-ids/BASE/                the same, idmapped to the range starting at host id BASE
 * HOME/mask/NAME/                    the container's mask layer (on the agent's tmpfs)
 * HOME/containers/NAME/config        its LXC config
 * HOME/containers/NAME/applied.json  the spec its config and files were last written from
 * HOME/containers/NAME/health.json   the result of its last health check (status shows it)
 * HOME/containers/NAME/upper/        its own layer: everything it wrote (its data)
 * HOME/containers/NAME/work/         overlayfs work directory
 * </pre>
 */
public record AgentHome(Path dir) {
    public static final Path DEFAULT = Path.of("/var/lib/rootfleet");

    /**
     * Resolves {@code dir} to its real path once, here: the kernel reports mount points by real path, so a
     * home given through a symlink would match none of its own mounts (the shared layers were mounted again on
     * every apply, and a delete did not see the mounts below it).
     */
    public AgentHome {
        dir = realPath(dir.toAbsolutePath().normalize());
    }

    /** The real path of {@code path}; for a path that does not exist yet, that of its nearest existing ancestor. */
    static Path realPath(Path path) {
        Path existing = path;
        Deque<Path> missing = new ArrayDeque<>();
        while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the agent home " + path + ": " + e.getMessage(), e);
        }
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        return real;
    }

    public Path lockFile() {
        return dir.resolve("agent.lock");
    }

    public Path desiredFile() {
        return dir.resolve("desired.json");
    }

    public Path hookLog() {
        return dir.resolve("hook.log");
    }

    public Path hookWaitLock() {
        return dir.resolve("hook-wait.lock");
    }

    public Path hookRunLock() {
        return dir.resolve("hook-run.lock");
    }

    public Path holdsFile() {
        return dir.resolve("holds.json");
    }

    public Path auditLog() {
        return dir.resolve("audit.log");
    }

    public Path metricsSettings() {
        return dir.resolve("metrics.json");
    }

    public Path rootMount() {
        return dir.resolve("root");
    }

    public Path idRanges() {
        return dir.resolve("id-ranges.json");
    }

    /** Where the idmapped binds of / live, one per id range of an unprivileged container. */
    public Path idmappedRoots() {
        return dir.resolve("root-ids");
    }

    /** The idmapped bind of / for the id range that starts at host id {@code base}. */
    public Path idmappedRoot(long base) {
        return idmappedRoots().resolve(Long.toString(base));
    }

    public Path maskMount() {
        return dir.resolve("mask");
    }

    public Path maskDir(ContainerName name) {
        return maskMount().resolve(name.value());
    }

    /** The LXC path: one directory per container. */
    public Path containers() {
        return dir.resolve("containers");
    }

    public Path containerDir(ContainerName name) {
        return containers().resolve(name.value());
    }

    public Path config(ContainerName name) {
        return containerDir(name).resolve("config");
    }

    public Path appliedSpec(ContainerName name) {
        return containerDir(name).resolve("applied.json");
    }

    /** The result of the container's last health check. */
    public Path health(ContainerName name) {
        return containerDir(name).resolve("health.json");
    }

    public Path upper(ContainerName name) {
        return containerDir(name).resolve("upper");
    }

    /** LXC's overlay driver puts the work directory beside the upper one, under this name. */
    public Path work(ContainerName name) {
        return containerDir(name).resolve("work");
    }

    public Path consoleLog(ContainerName name) {
        return containerDir(name).resolve("console.log");
    }

    public Path lxcLog(ContainerName name) {
        return containerDir(name).resolve("lxc.log");
    }
}
