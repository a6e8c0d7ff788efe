package io.rootfleet.agent.host;

import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.userns.IdRange;
import io.rootfleet.agent.userns.IdmappedRootBind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real {@link IdmappedRoots}: {@code HOME/root-ids/BASE}, each an {@link IdmappedRootBind}. One that is
 * mounted already is checked, never mounted twice; after a reboot the first start of its container mounts it
 * again. The directory is only removed once nothing is mounted there, so nothing is ever deleted through it.
 */
public final class IdmappedRootMounts implements IdmappedRoots {
    private final AgentHome home;
    private final IdmappedRootBind bind;
    private final ConcurrentHashMap<Long, Object> locks = new ConcurrentHashMap<>();

    public IdmappedRootMounts(AgentHome home, Kernel kernel) {
        this.home = home;
        this.bind = new IdmappedRootBind(kernel);
    }

    @Override
    public Path ensure(IdRange range) {
        synchronized (lockOf(range)) { // ranges are mounted in parallel: each needs a user namespace made by a child process
            Path target = home.idmappedRoot(range.hostBase());
            if (bind.mounted(target)) {
                bind.check(target, range);
                return target;
            }
            try {
                synchronized (this) {
                    PrivateHome.ensureDirectory(home.idmappedRoots());
                    PrivateHome.allowTraversal(home.idmappedRoots());
                }
                if (!Files.isDirectory(target)) {
                    Files.createDirectory(target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + target + ": " + e.getMessage(), e);
            }
            bind.mount(target, range);
            return target;
        }
    }

    @Override
    public void release(IdRange range) {
        synchronized (lockOf(range)) {
            releaseLocked(range);
        }
    }

    private Object lockOf(IdRange range) {
        return locks.computeIfAbsent(range.hostBase(), base -> new Object());
    }

    private void releaseLocked(IdRange range) {
        Path target = home.idmappedRoot(range.hostBase());
        bind.unmount(target);
        try {
            if (!bind.mounted(target)) {
                Files.deleteIfExists(target); // an empty directory once unmounted; never a recursive delete
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + target + " after unmounting it: " + e.getMessage(), e);
        }
    }
}
