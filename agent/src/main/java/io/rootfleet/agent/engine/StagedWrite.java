package io.rootfleet.agent.engine;

import io.rootfleet.agent.userns.IdRange;
import io.rootfleet.model.ContainerSpec;
import java.util.List;
import java.util.Optional;

/**
 * A container's new files and LXC config written beside the old ones ({@link ContainerActions#stage}), waiting
 * for {@link ContainerActions#commit} (once the container is stopped) or {@link ContainerActions#discard}.
 *
 * @param range the container's id range; empty for a privileged container
 * @param files the staged files of {@code files:} in order, the LXC config last
 */
record StagedWrite(ContainerSpec spec, Optional<IdRange> range, List<StagedFile> files) {
    StagedWrite {
        files = List.copyOf(files);
    }
}
