package io.rootfleet.agent.stale;

import java.util.Optional;
import java.util.OptionalLong;

/** What one container's overlay layers hold at a path, seen from the host: all the stale verdict looks at. */
interface LayerView {

    /** An entry of the container's own (upper) layer; a whiteout is how the layer records a deleted host file. */
    record OwnEntry(long inode, boolean whiteout) {}

    /** The container's own layer at {@code path}, not following symlinks. */
    Optional<OwnEntry> own(String path);

    /** True when the container's mask layer has an entry at {@code path} (a hidden or regenerated host file). */
    boolean masked(String path);

    /** The inode of the host's file at {@code path}, not following symlinks; empty when the host has none. */
    OptionalLong hostInode(String path);

    /** The links left to the file process {@code pid} maps: 0 once it was deleted or renamed over; empty if the process is gone. */
    OptionalLong mappedLinks(int pid, MappedFile file);
}
