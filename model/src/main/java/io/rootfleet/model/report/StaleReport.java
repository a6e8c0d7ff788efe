package io.rootfleet.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code rootfleet-agent stale --json} prints: per managed container, whether it still runs files the
 * host has since replaced (so a restart would patch it), and which host system files its own layer hides
 * (so host updates never reach it), and the host packages behind the stale files ({@code packages}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StaleReport(String apiVersion, long millis, List<Container> containers, List<PackageChange> packages) {

    public StaleReport {
        containers = Lists.orEmpty(containers);
        packages = Lists.orEmpty(packages);
    }

    /** A report without package attribution. */
    public StaleReport(String apiVersion, long millis, List<Container> containers) {
        this(apiVersion, millis, containers, List.of());
    }

    public long staleCount() {
        return containers.stream().filter(Container::stale).count();
    }

    /**
     * @param state what LXC says (RUNNING, STOPPED); a stopped container is never stale
     * @param startedAt when its init started (ISO-8601), null when not running
     * @param stale true when some process maps a file that a fresh start would no longer show
     * @param staleFiles the files behind that verdict
     * @param hostPackages host packages installed, upgraded or removed since the container started (from the
     *     dpkg log): what it may still see in an old version even when no process maps an old file
     * @param shadowed files in its own layer that hide host system files: host updates never reach them
     */
    public record Container(
            String name,
            String state,
            Integer initPid,
            String startedAt,
            boolean stale,
            List<StaleFile> staleFiles,
            List<String> hostPackages,
            List<ShadowedFile> shadowed) {

        public Container {
            staleFiles = Lists.orEmpty(staleFiles);
            hostPackages = Lists.orEmpty(hostPackages);
            shadowed = Lists.orEmpty(shadowed);
        }
    }

    /**
     * One mapped file that a fresh start would show differently.
     *
     * @param runningInode the inode the processes map
     * @param currentInode the inode a fresh start would show; null when the file is gone
     * @param reason e.g. "replaced on the host", "removed from the host", "replaced in the container's own layer"
     * @param pids the host PIDs of the processes that map it
     * @param commands their command names (comm), in PID order
     * @param hostPackage the host package that owns the file (from dpkg's records), null when none does
     */
    public record StaleFile(String path, long runningInode, Long currentInode, String reason, List<Integer> pids,
            List<String> commands, String hostPackage) {

        public StaleFile {
            pids = Lists.orEmpty(pids);
            commands = Lists.orEmpty(commands);
        }

        /** A stale file not attributed to a host package. */
        public StaleFile(String path, long runningInode, Long currentInode, String reason, List<Integer> pids,
                List<String> commands) {
            this(path, runningInode, currentInode, reason, pids, commands, null);
        }
    }

    /**
     * @param kind "library", "executable", "config" or "other"
     * @param declared true when the container's definition writes this file ({@code files:}): intended
     */
    public record ShadowedFile(String path, String kind, boolean declared) {}
}
