package io.rootfleet.agent.engine;

import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.NoFollowDirectory;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's new content written as a fsynced temp file beside the file, through directory fds opened without
 * following a symlink; {@link #commit} renames it into place, {@link #discard} removes it and the directories
 * the staging created. The fds stay open in between, so the commit renames in the very directory the staging
 * checked, whatever the container does to the path meanwhile.
 */
final class StagedFile {
    /** A directory the staging created: removed again (if still empty) when the file is discarded. */
    record Created(NoFollowDirectory parent, String name) {}

    private final String container;
    private final String what;
    private final List<NoFollowDirectory> opened;
    private final List<Created> created;
    private final String temp;
    private final String name;
    private boolean done;

    /**
     * @param what the file as the user knows it, for errors ("/etc/motd", "its LXC config /var/lib/.../config")
     * @param opened every directory fd of the walk, the file's directory last; closed by commit and discard
     */
    StagedFile(String container, String what, List<NoFollowDirectory> opened, List<Created> created, String temp,
            String name) {
        this.container = container;
        this.what = what;
        this.opened = List.copyOf(opened);
        this.created = List.copyOf(created);
        this.temp = temp;
        this.name = name;
    }

    /** Renames the staged content over the file. */
    void commit() {
        if (done) {
            return;
        }
        try {
            opened.get(opened.size() - 1).commitStaged(temp, name);
        } catch (Kernel.KernelException e) {
            discard();
            throw new IllegalStateException("container " + container + ": cannot put the new " + what + " in place: "
                    + e.getMessage(), e);
        }
        close();
    }

    /** Removes the temp file and the directories the staging created; the old file is as it was. */
    void discard() {
        if (done) {
            return;
        }
        opened.get(opened.size() - 1).discardStaged(temp);
        List<Created> reversed = new ArrayList<>(created);
        java.util.Collections.reverse(reversed);
        reversed.forEach(c -> c.parent().removeEmptyChild(c.name()));
        close();
    }

    private void close() {
        done = true;
        opened.forEach(NoFollowDirectory::close);
    }
}
