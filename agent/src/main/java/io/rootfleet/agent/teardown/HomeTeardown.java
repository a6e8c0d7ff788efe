package io.rootfleet.agent.teardown;

import io.rootfleet.agent.boot.BootUnit;
import io.rootfleet.agent.boot.BootUnitInstaller;
import io.rootfleet.agent.hook.HookInstaller;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.AgentHomes;
import io.rootfleet.agent.host.HostLayers;
import io.rootfleet.agent.host.SafeDelete;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.LxcStatus;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.MountEntry;
import io.rootfleet.agent.sys.MountTable;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.StopPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Takes away all the agent set up for one home: kills and deletes every container (its own layer, its data,
 * included), unmounts the shared root bind and the mask tmpfs, removes the apt/dpkg hook and the boot unit when
 * they were written for this home, and forgets the desired state. What stays is a home with nothing mounted
 * under it (its hook log and lock file), or with {@code purge} nothing at all. Every delete goes through
 * {@link SafeDelete}: none crosses a mount point, and a mount left under the home is an error, not a walk into
 * the host's root.
 */
public final class HomeTeardown {
    private static final StopPolicy KILL = new StopPolicy("SIGKILL", 0);

    private final AgentHome home;
    private final Lxc lxc;
    private final Kernel kernel;
    private final HookInstaller hooks;
    private final List<HookInstaller.Target> hookTargets;
    private final BootUnitInstaller bootUnit;
    private final SafeDelete safeDelete;

    public HomeTeardown(AgentHome home, Lxc lxc, Kernel kernel, List<HookInstaller.Target> hookTargets, BootUnitInstaller bootUnit) {
        this.home = home;
        this.lxc = lxc;
        this.kernel = kernel;
        this.hooks = new HookInstaller();
        this.hookTargets = List.copyOf(hookTargets);
        this.bootUnit = bootUnit;
        this.safeDelete = new SafeDelete(kernel);
    }

    /** The containers a teardown would destroy, running or not; none when the home has none. */
    public List<ContainerName> containers() {
        return Files.isDirectory(home.containers()) ? List.copyOf(lxc.list().keySet()) : List.of();
    }

    /** Tears the home down; returns what was done, line by line. Running it again does nothing more. */
    public List<String> run(boolean purge, Duration lockTimeout) {
        List<String> done = new ArrayList<>();
        if (Files.isDirectory(home.dir())) {
            try (HostLock lock = HostLock.acquire(home.lockFile(), lockTimeout)) {
                destroyContainers(done);
                unmountLayers(done);
                forgetDesiredState(done);
            }
        }
        removeHook(done);
        removeBootUnit(done);
        List<MountEntry> left = MountTable.read().atOrBelow(home.dir());
        if (!left.isEmpty()) {
            throw new IllegalStateException(left.get(0).mountPoint() + " is still mounted; unmount it (umount "
                    + left.get(0).mountPoint() + ") and run teardown again");
        }
        if (purge) {
            if (Files.exists(home.dir())) {
                safeDelete.deleteTree(home.dir());
                done.add("deleted " + home.dir());
            }
            AgentHomes.unregister(home);
        } else if (Files.isDirectory(home.dir())) {
            done.add(home.dir() + " has nothing mounted under it any more; delete it with --purge (or rm -r)");
        }
        if (done.isEmpty()) {
            done.add("nothing to tear down: " + home.dir() + " does not exist");
        }
        return done;
    }

    private void destroyContainers(List<String> done) {
        Map<ContainerName, LxcStatus> containers = Files.isDirectory(home.containers()) ? lxc.list() : Map.of();
        containers.forEach((name, state) -> {
            if (state.running()) {
                lxc.stop(name, KILL);
            }
        });
        for (ContainerName name : containers.keySet()) {
            safeDelete.deleteTree(home.containerDir(name));
            done.add("destroyed " + name);
        }
        // what is left: directories LXC does not list as containers (half-written ones)
        for (Path dir : children(home.containers())) {
            safeDelete.deleteTree(dir);
            done.add("deleted " + dir);
        }
        safeDelete.deleteTree(home.containers());
    }

    private void unmountLayers(List<String> done) {
        boolean rootMounted = MountTable.read().at(home.rootMount()).isPresent();
        boolean maskMounted = MountTable.read().at(home.maskMount()).isPresent();
        new HostLayers(home, kernel).release();
        if (rootMounted) {
            done.add("unmounted the shared root " + home.rootMount());
        }
        if (maskMounted) {
            done.add("unmounted the mask layers " + home.maskMount());
        }
        safeDelete.deleteTree(home.rootMount());
        safeDelete.deleteTree(home.maskMount());
    }

    private void forgetDesiredState(List<String> done) {
        try {
            if (Files.deleteIfExists(home.desiredFile())) {
                done.add("removed the desired state " + home.desiredFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + home.desiredFile() + ": " + e.getMessage(), e);
        }
    }

    /** Only a hook file this agent wrote for this home: another home's hook, or a foreign file, is left alone. */
    private void removeHook(List<String> done) {
        for (HookInstaller.Target target : hookTargets) {
            HookInstaller.Installed installed = hooks.inspect(target);
            if (installed.found() != HookInstaller.Found.OURS) {
                continue;
            }
            if (installed.home().map(h -> Path.of(h).equals(home.dir())).orElse(false)) {
                hooks.uninstall(List.of(target)).forEach(file -> done.add("removed the hook " + file));
            } else {
                done.add("left " + target.file() + ": it is the hook of another agent home (" + installed.home().orElse("?") + ")");
            }
        }
    }

    /** Only a boot unit this agent wrote for this home. */
    private void removeBootUnit(List<String> done) {
        Path file = bootUnit.unitFile();
        String unit;
        try {
            if (!Files.isRegularFile(file)) {
                return;
            }
            unit = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!BootUnit.isOurs(unit)) {
            return;
        }
        if (unit.contains(" --home " + home.dir() + " reconcile\n")) {
            done.addAll(bootUnit.uninstall());
        } else {
            done.add("left " + file + ": it is the boot unit of another agent home");
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
