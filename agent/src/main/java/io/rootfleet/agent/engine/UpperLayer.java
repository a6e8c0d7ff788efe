package io.rootfleet.agent.engine;

import io.rootfleet.agent.mask.HostView;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.FileSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes into a container's own layer from the host side. The layer holds whatever the container wrote,
 * symlinks included, and a symlink there resolves against the host's root when the agent follows it; so
 * nothing here follows a symlink, and directories it creates copy the host directory's owner and mode as
 * an overlay copy-up would.
 */
final class UpperLayer {
    private final Kernel kernel;
    private final HostView lower;

    UpperLayer(Kernel kernel, HostView lower) {
        this.kernel = kernel;
        this.lower = lower;
    }

    /** Creates the layer's root directory with the host root's owner and mode (it becomes the container's /). */
    void prepare(Path upper) throws IOException {
        if (!Files.isDirectory(upper, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(upper);
            copyDirectoryAttributes(AbsolutePath.ROOT, upper);
        }
    }

    void write(Path upper, FileSpec file) {
        Path target = upper.resolve(file.path().relative());
        try {
            createParents(upper, file.path().parent());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isDirectory()) {
                    throw new IllegalArgumentException("cannot write file " + file.path() + ": the container has a directory there");
                }
                Files.delete(target); // a symlink, a whiteout or the old file: replaced, never followed
            }
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                out.write(file.content().getBytes(StandardCharsets.UTF_8));
            }
            kernel.lchown(target, file.uid(), file.gid());
            kernel.chmod(target, file.mode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.path() + " into the container's layer: " + e.getMessage(), e);
        }
    }

    private void createParents(Path upper, AbsolutePath dir) throws IOException {
        if (dir.isRoot()) {
            return;
        }
        Path target = upper.resolve(dir.relative());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("cannot write below " + dir + ": in the container's layer it is not a"
                        + " directory (a symlink or file); refusing to follow it");
            }
            return;
        }
        createParents(upper, dir.parent());
        if (lower.lookup(dir).filter(a -> a.type() == HostView.Type.SYMLINK).isPresent()) {
            throw new IllegalArgumentException("cannot write below " + dir + ": on the host it is a symbolic link to "
                    + lower.readLink(dir).orElse("?") + "; give the file's real path");
        }
        Files.createDirectory(target);
        copyDirectoryAttributes(dir, target);
    }

    private void copyDirectoryAttributes(AbsolutePath hostDir, Path target) {
        HostView.Attributes attrs = lower.lookup(hostDir)
                .filter(a -> a.type() == HostView.Type.DIRECTORY)
                .orElse(new HostView.Attributes(HostView.Type.DIRECTORY, 0755, 0, 0));
        kernel.lchown(target, attrs.uid(), attrs.gid());
        kernel.chmod(target, attrs.mode());
    }
}
