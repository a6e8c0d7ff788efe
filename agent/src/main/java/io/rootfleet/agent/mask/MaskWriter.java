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
 */
public final class MaskWriter {
    private final Kernel kernel;
    private final HostView host;

    public MaskWriter(Kernel kernel, HostView host) {
        this.kernel = kernel;
        this.host = host;
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
                        kernel.lchown(target, entry.uid(), entry.gid());
                        kernel.markOpaque(target);
                    }
                    case WHITEOUT -> kernel.whiteout(target);
                    case FILE -> {
                        Files.writeString(target, entry.content(), StandardCharsets.UTF_8);
                        kernel.chmod(target, entry.mode());
                        kernel.lchown(target, entry.uid(), entry.gid());
                    }
                    case SYMLINK -> Files.createSymbolicLink(target, Path.of(entry.content()));
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
        kernel.lchown(target, attrs.uid(), attrs.gid());
    }
}
