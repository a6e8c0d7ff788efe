package io.rootfleet.controller.fleet;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.SafeDelete;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.MountEntry;
import io.rootfleet.agent.sys.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tears down the agent homes of simulated hosts, in the order the agent's own tests do: kill the containers,
 * unmount the shared root and mask layers, and delete only what no mount is under any more. An agent home holds
 * a read-only bind mount of the host's {@code /}: a delete that crossed it would try to delete the host.
 */
final class AgentHomes {
    private static final Duration QUICK = Duration.ofSeconds(30);

    private AgentHomes() {}

    /** The names of the containers of {@code home} that LXC reports running (none when it has no containers). */
    static List<String> running(Path home) {
        return list(home, true);
    }

    /** The names of every container of {@code home}, running or not. */
    static List<String> containers(Path home) {
        return list(home, false);
    }

    private static List<String> list(Path home, boolean runningOnly) {
        Path lxcPath = home.resolve("containers");
        if (!Files.isDirectory(lxcPath)) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(List.of("lxc-ls", "-P", lxcPath.toString(), "-1"));
        if (runningOnly) {
            argv.add("--running");
        }
        return Processes.run(argv, QUICK).orThrow().stdout().lines().map(String::strip).filter(s -> !s.isEmpty())
                .sorted().toList();
    }

    /** The PID of the init of container {@code name} of {@code home}, as LXC reports it; null when it is not running. */
    static Integer initPid(Path home, String name) {
        String pid = Processes.run(List.of("lxc-info", "-P", home.resolve("containers").toString(), "-n", name, "-p", "-H"),
                QUICK).orThrow().stdout().strip();
        return pid.isEmpty() ? null : Integer.valueOf(pid);
    }

    /** Kills every running container of {@code home}, unmounts everything under it, then deletes it. */
    static void tearDown(Path home) {
        home = home.toAbsolutePath().normalize();
        for (String name : running(home)) {
            Processes.Result stop = Processes.run(
                    List.of("lxc-stop", "-P", home.resolve("containers").toString(), "-n", name, "-k"), QUICK);
            if (stop.exit() != 0 && running(home).contains(name)) {
                stop.orThrow();
            }
        }
        unmountAllUnder(home);
        deleteTree(home);
        io.rootfleet.agent.host.AgentHomes.unregister(new AgentHome(home));
    }

    /** Unmounts everything at or under {@code dir}, deepest first (the agent's own mount-aware code). */
    static void unmountAllUnder(Path dir) {
        new SafeDelete(Kernel.get()).unmountAllBelow(dir.toAbsolutePath().normalize());
    }

    /** Every mount point at or under {@code dir}, from this process's mountinfo. */
    static List<Path> mountsUnder(Path dir) {
        return MountTable.read().atOrBelow(dir.toAbsolutePath().normalize()).stream().map(MountEntry::mountPoint).toList();
    }

    /** Deletes {@code dir} with the agent's delete: it never crosses or enters a mount point. */
    static void deleteTree(Path dir) {
        new SafeDelete(Kernel.get()).deleteTree(dir);
    }
}
