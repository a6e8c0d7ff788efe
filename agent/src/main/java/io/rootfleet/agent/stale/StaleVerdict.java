package io.rootfleet.agent.stale;

import java.util.Optional;
import java.util.OptionalLong;

/** Whether a file a container's process maps is one a fresh start of that container would no longer show. */
final class StaleVerdict {
    static final String REPLACED_ON_HOST = "replaced on the host";
    static final String REMOVED_FROM_HOST = "removed from the host";
    static final String REPLACED_IN_OWN_LAYER = "replaced in the container's own layer";

    /** Why the mapped file is stale, and the inode a fresh start would show instead (null: no file). */
    record Finding(String reason, Long currentInode) {}

    private StaleVerdict() {}

    /**
     * A fresh overlay shows the container's own copy of a path if it has one, else what the mask layer has
     * there, else the host's file. The mapped file is judged against that. A file the container deleted
     * itself (a temporary file, or a whiteout over a host file) is not stale: a restart would not bring it back.
     */
    static Optional<Finding> judge(int pid, MappedFile file, LayerView layers) {
        Optional<LayerView.OwnEntry> own = layers.own(file.path());
        if (own.isPresent()) {
            if (own.get().whiteout()) {
                return Optional.empty();
            }
            // overlayfs shows a copied-up file under its host inode number, so numbers cannot be compared here;
            // a file renamed over inside the container is "(deleted)" in maps, a file with no link left is gone
            boolean replaced = file.deleted() || layers.mappedLinks(pid, file).orElse(1) == 0;
            return replaced ? Optional.of(new Finding(REPLACED_IN_OWN_LAYER, own.get().inode())) : Optional.empty();
        }
        if (file.deleted()) {
            // maps says "(deleted)" only when the name was removed through the overlay, i.e. by the container;
            // a file the host replaces keeps its name in a running overlay
            return Optional.empty();
        }
        if (layers.masked(file.path())) {
            return Optional.empty(); // written by the agent at each start, never a host file
        }
        OptionalLong host = layers.hostInode(file.path());
        if (host.isEmpty()) {
            return Optional.of(new Finding(REMOVED_FROM_HOST, null));
        }
        if (host.getAsLong() != file.inode()) {
            return Optional.of(new Finding(REPLACED_ON_HOST, host.getAsLong()));
        }
        return Optional.empty();
    }
}
