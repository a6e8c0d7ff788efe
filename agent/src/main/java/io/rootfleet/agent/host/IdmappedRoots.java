package io.rootfleet.agent.host;

import io.rootfleet.agent.userns.IdRange;
import java.nio.file.Path;

/** The idmapped binds of the host's / under the agent home, one per id range of an unprivileged container. */
public interface IdmappedRoots {
    /** Mounts the bind for {@code range} unless it is there, checks it either way, and returns where it is. */
    Path ensure(IdRange range);

    /** Unmounts the bind for {@code range} (its container is gone or privileged now) and removes its directory. */
    void release(IdRange range);
}
