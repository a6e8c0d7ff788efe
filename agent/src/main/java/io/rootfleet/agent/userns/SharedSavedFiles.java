package io.rootfleet.agent.userns;

import java.nio.file.Path;
import java.util.List;

/**
 * {@link SavedFile}s shared by everything in this JVM that changes the same system files at the same time (tests
 * running in parallel, each with its own agent home): the first user saves the files, the last one to finish
 * puts them back. A user that restored on its own would take root's line away from another one still starting
 * containers, or put that one's line back as if it had been there before.
 */
public final class SharedSavedFiles {
    /** /etc/subuid and /etc/subgid, where the agents add root's line for unprivileged containers. */
    public static final SharedSavedFiles SUB_IDS = new SharedSavedFiles(List.of(SubIdFiles.SUBUID, SubIdFiles.SUBGID));

    private final List<Path> paths;
    private List<SavedFile> saved = List.of();
    private int users;

    SharedSavedFiles(List<Path> paths) {
        this.paths = List.copyOf(paths);
    }

    /** One more user: saves the files if it is the first. */
    public synchronized void acquire() {
        if (users == 0) {
            saved = paths.stream().map(SavedFile::save).toList();
        }
        users++;
    }

    /**
     * One user fewer: puts the files back as they were before the first user, if it was the last. Returns the
     * files it put back (to check with {@link SavedFile#unchanged()}), none while others still use them.
     */
    public synchronized List<SavedFile> release() {
        if (users == 0) {
            throw new IllegalStateException("released more often than acquired: " + paths);
        }
        users--;
        if (users > 0) {
            return List.of();
        }
        List<SavedFile> restored = saved;
        saved = List.of();
        restored.forEach(SavedFile::restore);
        return restored;
    }
}
