package io.rootfleet.agent.stale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link LayerView} of one container's real layers: its upper directory, its mask directory and the host root. */
final class OverlayLayers implements LayerView {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private final Path upper;
    private final Path mask;
    private final HostRoot host;
    private final ProcFs proc;
    private final Map<String, Optional<OwnEntry>> own = new HashMap<>();
    private final Map<String, Boolean> masked = new HashMap<>();

    OverlayLayers(Path upper, Path mask, HostRoot host, ProcFs proc) {
        this.upper = upper;
        this.mask = mask;
        this.host = host;
        this.proc = proc;
    }

    @Override
    public Optional<OwnEntry> own(String path) {
        return own.computeIfAbsent(path, p -> {
            try {
                Map<String, Object> a = Files.readAttributes(upper.resolve(p.substring(1)), "unix:ino,mode,rdev",
                        LinkOption.NOFOLLOW_LINKS);
                boolean whiteout = ((Integer) a.get("mode") & S_IFMT) == S_IFCHR && (Long) a.get("rdev") == 0;
                return Optional.of(new OwnEntry((Long) a.get("ino"), whiteout));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean masked(String path) {
        return masked.computeIfAbsent(path, p -> Files.exists(mask.resolve(p.substring(1)), LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public OptionalLong hostInode(String path) {
        return host.lookup(path).map(e -> OptionalLong.of(e.inode())).orElse(OptionalLong.empty());
    }

    @Override
    public OptionalLong mappedLinks(int pid, MappedFile file) {
        return proc.mappedLinks(pid, file.range());
    }
}
