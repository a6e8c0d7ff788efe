package io.rootfleet.agent.mask;

import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.model.AbsolutePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a planned mask into a directory on the agent's tmpfs. Every directory it creates copies the mode
 * and owner of the host directory it stands over, because in the merged view the top layer's directory
 * attributes win (an opaque /tmp must stay 1777, /root 0700).
 *
 * <p>For an unprivileged container every owner is shifted into its id range (a 0640 mask file owned by the
 * host's root is unreadable to the container's root), and opaque directories carry the {@code user.overlay}
 * mark as well: LXC mounts that container's overlay inside its user namespace, where overlayfs ignores
 * {@code trusted.overlay.opaque} (measured: the host directory behind it showed through).
 */
public final class MaskWriter {
    private final Kernel kernel;
    private final HostView host;
    private final int idBase;

    /** A mask for a privileged container: host ids as they are, trusted.overlay marks. */
    public MaskWriter(Kernel kernel, HostView host) {
        this(kernel, host, 0);
    }

    /** @param idBase 0 for a privileged container, else the first host id of the container's range */
    public MaskWriter(Kernel kernel, HostView host, int idBase) {
        this.kernel = kernel;
        this.host = host;
        this.idBase = idBase;
    }

    public void write(Path maskDir, List<MaskEntry> entries) {
        try {
            Files.createDirectories(maskDir);
            copyAttributes(AbsolutePath.ROOT, maskDir);
            for (MaskEntry entry : entries) {
                Path target = maskDir.resolve(entry.path().relative());
                createParents(maskDir, entry.path().parent());
                switch (entry.kind()) {
                    case OPAQUE_DIR -> {
                        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                            Files.createDirectory(target);
                        }
                        kernel.chmod(target, entry.mode());
                        kernel.lchown(target, entry.uid() + idBase, entry.gid() + idBase);
                        kernel.markOpaque(target);
                        if (idBase != 0) {
                            kernel.markOpaqueForUserNamespace(target);
                        }
                    }
                    case WHITEOUT -> kernel.whiteout(target);
                    case FILE -> {
                        Files.writeString(target, entry.content(), StandardCharsets.UTF_8);
                        kernel.chmod(target, entry.mode());
                        kernel.lchown(target, entry.uid() + idBase, entry.gid() + idBase);
                    }
                    case SYMLINK -> {
                        Files.createSymbolicLink(target, Path.of(entry.content()));
                        kernel.lchown(target, idBase, idBase);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write mask layer " + maskDir + ": " + e.getMessage(), e);
        }
    }

    private void createParents(Path maskDir, AbsolutePath dir) throws IOException {
        if (dir.isRoot()) {
            return;
        }
        Path target = maskDir.resolve(dir.relative());
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createParents(maskDir, dir.parent());
        Files.createDirectory(target);
        copyAttributes(dir, target);
    }

    private void copyAttributes(AbsolutePath hostDir, Path target) {
        HostView.Attributes attrs = host.lookup(hostDir)
                .filter(a -> a.type() == HostView.Type.DIRECTORY)
                .orElse(new HostView.Attributes(HostView.Type.DIRECTORY, 0755, 0, 0));
        kernel.chmod(target, attrs.mode());
        kernel.lchown(target, attrs.uid() + idBase, attrs.gid() + idBase);
    }
}
