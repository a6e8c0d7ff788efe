package io.rootfleet.agent.host;

import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.MountEntry;
import io.rootfleet.agent.sys.MountTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The two host-wide mounts under the agent home: the read-only bind of / that every container's overlay
 * uses as its lowest layer, and the tmpfs that holds the mask layers (it must not be on /'s filesystem:
 * a lower layer inside another lower layer fails with ELOOP).
 */
public final class HostLayers {
    private static final String MASK_FS_OPTIONS = "size=256m,mode=0700";
    /** The source name {@link Kernel#mountTmpfs} gives the mask tmpfs: how other agents' homes are found. */
    static final String MASK_FS_SOURCE = "rootfleet-mask";

    private final AgentHome home;
    private final Kernel kernel;

    public HostLayers(AgentHome home, Kernel kernel) {
        this.home = home;
        this.kernel = kernel;
    }

    /** True when both mounts are in place and the root bind is read-only. */
    public boolean ready() {
        MountTable table = MountTable.read();
        return table.at(home.rootMount()).map(MountEntry::readOnly).orElse(false)
                && table.at(home.maskMount()).map(m -> m.fsType().equals("tmpfs")).orElse(false);
    }

    /** Mounts whatever is missing; does nothing when all is in place. Returns what it did, for the report. */
    public Optional<String> ensure() {
        StringBuilder done = new StringBuilder();
        PrivateHome.ensure(home.dir());
        createPrivateDir(home.containers());
        MountTable table = MountTable.read();
        Optional<MountEntry> root = table.at(home.rootMount());
        if (root.isEmpty()) {
            createPrivateDir(home.rootMount());
            kernel.bindReadOnly(Path.of("/"), home.rootMount());
            kernel.makePrivate(home.rootMount());
            done.append("bound / read-only at ").append(home.rootMount());
        } else if (!root.get().readOnly()) {
            kernel.remountReadOnly(home.rootMount());
            done.append("remounted ").append(home.rootMount()).append(" read-only");
        }
        if (table.at(home.maskMount()).filter(m -> m.fsType().equals("tmpfs")).isEmpty()) {
            createPrivateDir(home.maskMount());
            kernel.mountTmpfs(home.maskMount(), MASK_FS_OPTIONS);
            kernel.makePrivate(home.maskMount());
            done.append(done.length() == 0 ? "" : "; ").append("mounted mask tmpfs at ").append(home.maskMount());
        }
        if (!MountTable.read().at(home.rootMount()).map(MountEntry::readOnly).orElse(false)) {
            throw new IllegalStateException(home.rootMount() + " is not read-only after mounting; refusing to go on");
        }
        return done.length() == 0 ? Optional.empty() : Optional.of(done.toString());
    }

    /** Unmounts both and the idmapped roots (for tests and uninstall); the containers using them must be stopped first. */
    public void release() {
        new SafeDelete(kernel).unmountAllBelow(home.idmappedRoots());
        new SafeDelete(kernel).unmountAllBelow(home.rootMount());
        new SafeDelete(kernel).unmountAllBelow(home.maskMount());
    }

    private static void createPrivateDir(Path dir) {
        try {
            PrivateHome.ensureDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
