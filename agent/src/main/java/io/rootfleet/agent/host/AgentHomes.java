package io.rootfleet.agent.host;

import io.rootfleet.agent.sys.AtomicFiles;
import io.rootfleet.agent.sys.MountEntry;
import io.rootfleet.agent.sys.MountTable;
import io.rootfleet.model.AbsolutePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every rootfleet agent home on this host, so each container's mask hides them all, not only its own
 * agent's: another home holds other containers' layers and a desired state with their env values.
 *
 * <p>Homes are found two ways. Every home that ever created or started a container is registered in a host-wide
 * directory ({@link #REGISTRY}, {@code /etc/rootfleet/homes}: one file per home, named by a hash of its real path,
 * holding that path), so a home is found even when nothing of it is mounted (no container started there since
 * boot). And every home with a container running has its mask tmpfs mounted, recognisable by its source name,
 * which also finds homes of agents too old to register. The default home is always included.
 */
public final class AgentHomes {
    /**
     * Where homes register: {@code /etc/rootfleet/homes} (hidden in containers by default); the build's tests point
     * it elsewhere with the environment variable {@code ROOTFLEET_HOMES_REGISTRY}, so they never write /etc.
     */
    public static final Path REGISTRY = Path.of(System.getenv().getOrDefault("ROOTFLEET_HOMES_REGISTRY", "/etc/rootfleet/homes"));

    private AgentHomes() {}

    /** The paths to hide in every container of {@code own}: its own home, the default home, every home found. */
    public static List<AbsolutePath> toHide(AgentHome own) {
        return toHide(own, MountTable.read(), registered(REGISTRY));
    }

    /**
     * Records {@code home} in the host-wide registry, once (a file that exists is left alone); the registry
     * directory and its files are root's alone (0700, 0600).
     */
    public static void register(AgentHome home) {
        register(home, REGISTRY);
    }

    static void register(AgentHome home, Path registry) {
        Path entry = registry.resolve(entryName(home.dir()));
        if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.createDirectories(registry);
            Files.setPosixFilePermissions(registry, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + registry + " (where agent homes register, so every"
                    + " container hides them all): " + e.getMessage(), e);
        }
        AtomicFiles.write(entry, home.dir() + "\n", PosixFilePermissions.fromString("rw-------"));
    }

    /** Drops {@code home} from the registry (it was deleted); quietly when it was not there. */
    public static void unregister(AgentHome home) {
        try {
            Files.deleteIfExists(REGISTRY.resolve(entryName(home.dir())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + home.dir() + " from " + REGISTRY + ": " + e.getMessage(), e);
        }
    }

    /**
     * The homes in {@code registry} that still exist; none when it does not exist. Other agents register and
     * unregister meanwhile: an entry being written (a dot file, renamed into place when complete) is not one yet,
     * and one removed between the listing and its reading is gone.
     */
    static List<Path> registered(Path registry) {
        if (!Files.isDirectory(registry, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> homes = new ArrayList<>();
        try (Stream<Path> entries = Files.list(registry)) {
            for (Path entry : entries.toList()) {
                if (entry.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) || Files.size(entry) > 4096) {
                        continue;
                    }
                    String text = Files.readString(entry, StandardCharsets.UTF_8).strip();
                    if (text.startsWith("/") && Files.isDirectory(Path.of(text), LinkOption.NOFOLLOW_LINKS)) {
                        homes.add(Path.of(text));
                    }
                } catch (NoSuchFileException unregistered) {
                    // removed since the listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent homes registered in " + registry + ": " + e.getMessage(), e);
        }
        return homes;
    }

    static List<AbsolutePath> toHide(AgentHome own, MountTable mounts, List<Path> registered) {
        Set<String> homes = new TreeSet<>();
        homes.add(own.dir().toString());
        homes.add(AgentHome.DEFAULT.toString());
        registered.forEach(home -> homes.add(home.toString()));
        for (MountEntry mount : mounts.entries()) {
            Path home = mount.mountPoint().getParent();
            if (mount.fsType().equals("tmpfs") && mount.source().equals(HostLayers.MASK_FS_SOURCE)
                    && mount.mountPoint().getFileName() != null && mount.mountPoint().getFileName().toString().equals("mask")
                    && home != null && home.getParent() != null) {
                homes.add(home.toString());
            }
        }
        List<AbsolutePath> paths = new ArrayList<>();
        for (String home : homes) {
            try {
                paths.add(new AbsolutePath(home));
            } catch (IllegalArgumentException unusual) {
                // a path with a control character in its name is no home this agent made
            }
        }
        return paths;
    }

    private static String entryName(Path home) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(home.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
