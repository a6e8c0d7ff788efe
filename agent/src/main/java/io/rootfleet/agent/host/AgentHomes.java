package io.rootfleet.agent.host;

import io.rootfleet.agent.sys.MountEntry;
import io.rootfleet.agent.sys.MountTable;
import io.rootfleet.model.AbsolutePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every rootfleet agent home on this host, so each container's mask hides them all, not only its own
 * agent's: another home holds other containers' layers and a desired state with their env values.
 *
 * <p>Homes are found in the mount table: every home with a container running has its mask tmpfs mounted,
 * and that tmpfs is recognisable by its source name. The default home is always included. A home whose
 * layers are not mounted (no container started since boot) is not found; docs/security.md says so.
 */
public final class AgentHomes {
    private AgentHomes() {}

    /** The paths to hide in every container of {@code own}: its own home, the default home, every home found. */
    public static List<AbsolutePath> toHide(AgentHome own) {
        return toHide(own, MountTable.read());
    }

    static List<AbsolutePath> toHide(AgentHome own, MountTable mounts) {
        Set<String> homes = new TreeSet<>();
        homes.add(own.dir().toString());
        homes.add(AgentHome.DEFAULT.toString());
        for (MountEntry mount : mounts.entries()) {
            Path home = mount.mountPoint().getParent();
            if (mount.fsType().equals("tmpfs") && mount.source().equals(HostLayers.MASK_FS_SOURCE)
                    && mount.mountPoint().getFileName() != null && mount.mountPoint().getFileName().toString().equals("mask")
                    && home != null && home.getParent() != null) {
                homes.add(home.toString());
            }
        }
        List<AbsolutePath> paths = new ArrayList<>();
        for (String home : homes) {
            try {
                paths.add(new AbsolutePath(home));
            } catch (IllegalArgumentException unusual) {
                // a mount point with a control character in its name is no home this agent made
            }
        }
        return paths;
    }
}
