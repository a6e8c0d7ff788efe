package io.rootfleet.agent.mask;

import io.rootfleet.model.AbsolutePath;
import java.util.List;
import java.util.Optional;

/** What the container's lower layer (the host root) holds at a path: enough to plan a mask. */
public interface HostView {

    enum Type {
        DIRECTORY,
        FILE,
        SYMLINK,
        OTHER
    }

    /** Ownership and permission bits, copied onto mask directories so the merged view keeps them. */
    record Attributes(Type type, int mode, int uid, int gid) {}

    /** The entry at {@code path}, not following a final symlink; empty when there is none. */
    Optional<Attributes> lookup(AbsolutePath path);

    /** The names in directory {@code dir}, sorted; empty when it is not a directory. */
    List<String> list(AbsolutePath dir);

    /** The text of a file, empty when it cannot be read. */
    Optional<String> read(AbsolutePath path);

    /** The target of a symbolic link. */
    Optional<String> readLink(AbsolutePath path);
}
