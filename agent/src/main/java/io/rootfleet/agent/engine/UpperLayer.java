package io.rootfleet.agent.engine;

import io.rootfleet.agent.mask.HostView;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.NoFollowDirectory;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.FileSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes into a container's own layer from the host side. The layer holds whatever the container wrote,
 * symlinks included, and a symlink there resolves against the host's root when the agent follows it; so
 * nothing here follows a symlink in any component: the walk goes from the layer's directory fd one
 * O_NOFOLLOW|O_DIRECTORY open at a time, and the file is replaced by a rename within its directory. The
 * container can swap a directory for a symlink at any moment; the next open then fails instead of escaping.
 * Directories it creates copy the host directory's owner and mode as an overlay copy-up would.
 *
 * <p>Every owner it sets is shifted by the container's id base: 0 for a privileged container, the first host id
 * of its range for an unprivileged one (whose root is that host id).
 */
final class UpperLayer {
    private static final HostView.Attributes DEFAULT_DIRECTORY = new HostView.Attributes(HostView.Type.DIRECTORY, 0755, 0, 0);

    private final Kernel kernel;
    private final HostView lower;

    UpperLayer(Kernel kernel, HostView lower) {
        this.kernel = kernel;
        this.lower = lower;
    }

    /** Creates the layer's root directory with the host root's owner and mode (it becomes the container's /). */
    void prepare(Path upper, int idBase) throws IOException {
        if (!Files.isDirectory(upper, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(upper);
            HostView.Attributes attrs = hostDirectory(AbsolutePath.ROOT);
            kernel.lchown(upper, attrs.uid() + idBase, attrs.gid() + idBase);
            kernel.chmod(upper, attrs.mode());
        }
    }

    /** Writes the file into the layer at once: {@link #stage}, then commit. */
    void write(Path upper, FileSpec file, int idBase) {
        stage(upper, file, idBase).commit();
    }

    /**
     * Writes the file's new content as a fsynced temp file in its directory in the layer (creating missing
     * directories like a copy-up); the old file stays in place until the returned file is committed. Any failure
     * (a full disk, a symlink on the way) leaves the layer as it was and names the container and the path.
     *
     * @param upper HOME/containers/NAME/upper: the agent's own path, opened without following its last component
     */
    StagedFile stage(Path upper, FileSpec file, int idBase) {
        String container = upper.getParent().getFileName().toString();
        List<NoFollowDirectory> opened = new ArrayList<>();
        List<StagedFile.Created> created = new ArrayList<>();
        boolean staged = false;
        try {
            NoFollowDirectory dir = NoFollowDirectory.open(upper);
            opened.add(dir);
            AbsolutePath walked = AbsolutePath.ROOT;
            for (String name : segments(file.path().parent())) {
                walked = walked.resolve(name);
                NoFollowDirectory parent = dir;
                dir = descend(parent, name, walked, container, file.path(), idBase, created);
                opened.add(dir);
            }
            String name = file.path().value().substring(file.path().value().lastIndexOf('/') + 1);
            if (dir.hasDirectory(name)) {
                throw new IllegalArgumentException("container " + container + ": cannot write file " + file.path()
                        + ": the container has a directory there");
            }
            String temp = dir.stageFile(name, file.content().getBytes(StandardCharsets.UTF_8), file.uid() + idBase,
                    file.gid() + idBase, file.mode());
            staged = true;
            return new StagedFile(container, String.valueOf(file.path()), opened, created, temp, name);
        } catch (Kernel.KernelException e) {
            throw new IllegalStateException("container " + container + ": cannot write " + file.path()
                    + " into its layer: " + e.getMessage(), e);
        } finally {
            if (!staged) {
                List<StagedFile.Created> reversed = new ArrayList<>(created);
                java.util.Collections.reverse(reversed);
                reversed.forEach(c -> c.parent().removeEmptyChild(c.name()));
                opened.forEach(NoFollowDirectory::close);
            }
        }
    }

    /**
     * Removes a file the container's definition no longer writes from its layer, so the host's file (or none) shows
     * again. Walks from the layer without following any symlink: when a directory on the way is missing or is not
     * a directory (the container replaced it, e.g. by a symlink to a host path), there is nothing of ours to remove.
     * The directories on the way stay. True when a file was removed.
     */
    boolean remove(Path upper, AbsolutePath file) {
        String container = upper.getParent().getFileName().toString();
        List<NoFollowDirectory> opened = new ArrayList<>();
        try {
            NoFollowDirectory dir = NoFollowDirectory.open(upper);
            opened.add(dir);
            for (String name : segments(file.parent())) {
                if (!dir.hasDirectory(name)) {
                    return false;
                }
                dir = dir.child(name);
                opened.add(dir);
            }
            return dir.removeFile(file.value().substring(file.value().lastIndexOf('/') + 1));
        } catch (Kernel.KernelException e) {
            throw new IllegalStateException("container " + container + ": cannot remove " + file
                    + " (no longer in its files:) from its layer: " + e.getMessage(), e);
        } finally {
            opened.forEach(NoFollowDirectory::close);
        }
    }

    /** Opens {@code name} below {@code dir}, creating it like a copy-up when missing; refuses anything but a directory. */
    private NoFollowDirectory descend(NoFollowDirectory dir, String name, AbsolutePath path, String container,
            AbsolutePath file, int idBase, List<StagedFile.Created> created) {
        try {
            return dir.child(name);
        } catch (Kernel.KernelException e) {
            if (e.notADirectory() && dir.isSymlink(name)) {
                throw new IllegalArgumentException("container " + container + ": cannot write " + file + ": " + path
                        + " is a symbolic link in the container's layer; refusing to follow it");
            }
            if (e.notADirectory()) {
                throw new IllegalArgumentException("container " + container + ": cannot write " + file + ": " + path
                        + " is not a directory in the container's layer (a file or whiteout); refusing to write below it");
            }
            if (!e.noSuchFile()) {
                throw e;
            }
        }
        if (lower.lookup(path).filter(a -> a.type() == HostView.Type.SYMLINK).isPresent()) {
            throw new IllegalArgumentException("container " + container + ": cannot write below " + path
                    + ": on the host it is a symbolic link to " + lower.readLink(path).orElse("?")
                    + "; give the file's real path");
        }
        NoFollowDirectory child = dir.createChild(name);
        created.add(new StagedFile.Created(dir, name));
        HostView.Attributes attrs = hostDirectory(path);
        try {
            child.setOwnerAndMode(attrs.uid() + idBase, attrs.gid() + idBase, attrs.mode());
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return child;
    }

    private HostView.Attributes hostDirectory(AbsolutePath path) {
        return lower.lookup(path).filter(a -> a.type() == HostView.Type.DIRECTORY).orElse(DEFAULT_DIRECTORY);
    }

    private static List<String> segments(AbsolutePath dir) {
        return dir.isRoot() ? List.of() : List.of(dir.relative().split("/"));
    }
}
