package io.rootfleet.agent.mask;

import io.rootfleet.model.AbsolutePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link HostView} of the read-only bind of the host's root: exactly what a container's lower layer shows. */
public final class LowerLayerView implements HostView {
    private static final long MAX_READ = 16L * 1024 * 1024;

    private final Path root;

    public LowerLayerView(Path root) {
        this.root = root;
    }

    private Path at(AbsolutePath path) {
        return path.isRoot() ? root : root.resolve(path.relative());
    }

    @Override
    public Optional<Attributes> lookup(AbsolutePath path) {
        try {
            Map<String, Object> a = Files.readAttributes(at(path),
                    "unix:mode,uid,gid,isDirectory,isRegularFile,isSymbolicLink", LinkOption.NOFOLLOW_LINKS);
            Type type = (Boolean) a.get("isDirectory") ? Type.DIRECTORY
                    : (Boolean) a.get("isSymbolicLink") ? Type.SYMLINK
                    : (Boolean) a.get("isRegularFile") ? Type.FILE : Type.OTHER;
            return Optional.of(new Attributes(type, (Integer) a.get("mode") & 07777, (Integer) a.get("uid"), (Integer) a.get("gid")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(AbsolutePath dir) {
        Path d = at(dir);
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(d)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public Optional<String> read(AbsolutePath path) {
        Path file = at(path);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_READ) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> readLink(AbsolutePath path) {
        try {
            return Optional.of(Files.readSymbolicLink(at(path)).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
