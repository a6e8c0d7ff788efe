package io.rootfleet.agent.it;

/**
 * Things of the whole machine that integration tests share, as JUnit resource names: IT classes run in
 * parallel (see maven-failsafe-plugin in the root pom), so an IT that changes one of these declares it, e.g.
 * {@code @ResourceLock(GlobalResources.DPKG)}, and JUnit never runs two such classes at once. An IT that checks
 * the machine as a whole (exact file contents, counts of all mounts or containers) is {@code @Isolated} instead.
 *
 * <p>What needs no lock: each {@link TestHome} has its own directory, lxcpath, container names ({@code -ID}),
 * mounts and scratch files (/tmp/rf-it-ID*, /usr/local/lib/rf-it-ID); bridges and netns are named after the
 * test's id; sshd harnesses pick free loopback addresses and ports; root's line in /etc/subuid and /etc/subgid
 * is saved and restored once for all homes of the JVM (io.rootfleet.agent.userns.SharedSavedFiles).
 */
public final class GlobalResources {
    /** The dpkg database and its lock: an IT that installs or removes a package (dpkg -i, apt-get install). */
    public static final String DPKG = "rootfleet:dpkg";

    /**
     * The real /etc/subuid and /etc/subgid, written or restored by the test itself rather than through
     * SharedSavedFiles.SUB_IDS (which needs no lock).
     */
    public static final String SUB_IDS = "rootfleet:/etc/subuid+subgid";

    /** apt's and dpkg's real configuration directories in /etc (a hook installed there, not in scratch ones). */
    public static final String PACKAGE_HOOKS = "rootfleet:/etc/apt+dpkg hooks";

    /** The host's systemd: units under /etc/systemd/system (the real boot unit), systemctl daemon-reload. */
    public static final String SYSTEMD = "rootfleet:systemd";

    /** Kernel settings under /proc/sys and the host's own network interfaces, written by the test. */
    public static final String SYSCTLS = "rootfleet:sysctls";

    private GlobalResources() {}
}
