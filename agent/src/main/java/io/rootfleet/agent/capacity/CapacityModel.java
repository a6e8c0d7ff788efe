package io.rootfleet.agent.capacity;

import java.util.ArrayList;
import java.util.List;

/**
 * What a fleet of containers needs from the host's kernel limits (pure). The per-container figures were
 * measured on Debian 12 (kernel 6.x, systemd 252, LXC 5.0.2) with Debian's apache2 in containers that boot the
 * host's systemd: 8 inotify instances (systemd 5, dbus-daemon, logind, getty; apache none) and 25 inotify
 * watches each, 60 tasks idle. The host's own share is a Debian host's with systemd as its init (systemd,
 * udevd, logind, dbus: about 12 instances); so with Debian's 128 about 14 such containers boot cleanly. Measured
 * past the limit (this machine's init is not systemd, so the containers had all 128): 17 booted cleanly, the
 * 18th to 20th came up degraded (path units failed, logind without its utmp watch: "Too many open files"), the
 * 21st's systemd exited at once ("Failed to allocate manager object"). Every container's inotify instances and watches count against root's, whether it is
 * privileged or not: the kernel charges a user namespace's use to the user who made it (LXC, as root).
 * The kernel's key quotas ({@code kernel.keys.maxkeys}) are per user, and an unprivileged container's root is a
 * user of its own (13 keys of 200 measured), so they do not limit how many run.
 */
public final class CapacityModel {
    static final int INOTIFY_INSTANCES_PER_SYSTEMD = 8;
    static final int INOTIFY_INSTANCES_HOST = 16;
    static final int INOTIFY_WATCHES_PER_SYSTEMD = 64;
    static final int INOTIFY_WATCHES_PER_SERVICE = 16;
    static final int INOTIFY_WATCHES_HOST = 8192;
    static final int TASKS_HOST = 2048;
    static final int NEIGHBOURS_HOST = 256;
    /** PID_MAX_LIMIT on 64-bit kernels. */
    static final long PID_MAX_LIMIT = 4_194_304;

    private CapacityModel() {}

    /** The least value of each limit that lets these containers run, with the host's own share. */
    public static List<Need> needs(FleetShape fleet) {
        List<Need> needs = new ArrayList<>();
        String systemd = "containers that will boot systemd";
        if (fleet.systemd() > 0) {
            needs.add(new Need(Sysctl.INOTIFY_INSTANCES, INOTIFY_INSTANCES_HOST + (long) INOTIFY_INSTANCES_PER_SYSTEMD * fleet.systemd(),
                    fleet.systemd(), systemd, INOTIFY_INSTANCES_HOST,
                    INOTIFY_INSTANCES_PER_SYSTEMD + " each, " + INOTIFY_INSTANCES_HOST + " for the host's own services",
                    "systemd comes up degraded (\"Too many open files\") or does not start at all (\"Failed to allocate manager object\")", Integer.MAX_VALUE));
            needs.add(new Need(Sysctl.INOTIFY_WATCHES, INOTIFY_WATCHES_HOST
                    + (long) INOTIFY_WATCHES_PER_SYSTEMD * fleet.systemd() + (long) INOTIFY_WATCHES_PER_SERVICE * fleet.services(),
                    fleet.systemd(), systemd, INOTIFY_WATCHES_HOST,
                    INOTIFY_WATCHES_PER_SYSTEMD + " each, " + INOTIFY_WATCHES_PER_SERVICE + " more per service, "
                            + INOTIFY_WATCHES_HOST + " for the host",
                    "systemd and services stop seeing file changes (\"No space left on device\" from inotify_add_watch)",
                    Integer.MAX_VALUE));
        }
        if (fleet.containers() > 0) {
            String basis = fleet.tasksEstimated() == 0 ? "their limits.pids, " + TASKS_HOST + " for the host"
                    : "their limits.pids, or " + FleetShape.SYSTEMD_TASKS + " for one that boots systemd and "
                            + FleetShape.PLAIN_TASKS + " for another without one, " + TASKS_HOST + " for the host";
            long tasks = TASKS_HOST + fleet.tasks();
            needs.add(new Need(Sysctl.PID_MAX, tasks, fleet.containers(), "containers that will run", TASKS_HOST, basis,
                    "fork fails on the host and in every container (\"Resource temporarily unavailable\")", PID_MAX_LIMIT));
            needs.add(new Need(Sysctl.THREADS_MAX, tasks, fleet.containers(), "containers that will run", TASKS_HOST, basis,
                    "fork fails on the host and in every container (\"Resource temporarily unavailable\")", PID_MAX_LIMIT));
        }
        if (fleet.bridged() > 0) {
            needs.add(new Need(Sysctl.NEIGH4_GC_THRESH3, NEIGHBOURS_HOST + (long) fleet.bridged(), fleet.bridged(),
                    "containers that will be on a bridge", NEIGHBOURS_HOST, "1 neighbour entry each, " + NEIGHBOURS_HOST + " for the host",
                    "the host drops packets to some of them (\"neighbour table overflow\")", Integer.MAX_VALUE));
        }
        return needs;
    }
}
