package io.rootfleet.agent.engine;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.AgentHomes;
import io.rootfleet.agent.host.IdmappedRoots;
import io.rootfleet.agent.host.PrivateHome;
import io.rootfleet.agent.host.SafeDelete;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.LxcConfigRenderer;
import io.rootfleet.agent.lxc.Templates;
import io.rootfleet.agent.mask.HostView;
import io.rootfleet.agent.mask.MaskEntry;
import io.rootfleet.agent.mask.MaskPlanner;
import io.rootfleet.agent.mask.MaskWriter;
import io.rootfleet.agent.state.IdRangeStore;
import io.rootfleet.agent.state.StateStore;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.NoFollowDirectory;
import io.rootfleet.agent.userns.IdRange;
import io.rootfleet.agent.userns.IdShift;
import io.rootfleet.agent.userns.OwnershipShifter;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.FileSpec;
import io.rootfleet.model.MountSpec;
import io.rootfleet.model.StopPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out single steps on single containers: write, start, stop, destroy.
 *
 * <p>An unprivileged container (the default) has an id range of its own, recorded before anything of it is
 * written and released only once its files are gone; its layers are owned inside that range, and its lowest
 * layer is the idmapped bind of / for that range. Switching a container between privileged and unprivileged
 * shifts the owners of its own layer (it is stopped then: the plan stops it before rewriting it).
 */
public final class ContainerActions {
    private final AgentHome home;
    private final Lxc lxc;
    private final Kernel kernel;
    private final StateStore store;
    private final LxcConfigRenderer renderer;
    private final HostView lower;
    private final UpperLayer upperLayer;
    private final SafeDelete safeDelete;
    private final IdRangeStore ranges;
    private final IdmappedRoots idmappedRoots;

    ContainerActions(AgentHome home, Lxc lxc, Kernel kernel, StateStore store, LxcConfigRenderer renderer, HostView lower,
            IdRangeStore ranges, IdmappedRoots idmappedRoots) {
        this.home = home;
        this.ranges = ranges;
        this.idmappedRoots = idmappedRoots;
        this.lxc = lxc;
        this.kernel = kernel;
        this.store = store;
        this.renderer = renderer;
        this.lower = lower;
        this.upperLayer = new UpperLayer(kernel, lower);
        this.safeDelete = new SafeDelete(kernel);
    }

    /** Creates or rewrites the container's directories, files and LXC config at once; the container is not running. */
    public void write(ContainerSpec spec) {
        commit(stage(spec));
    }

    /**
     * Writes everything new of the container beside what it has now, while it may still run: each file of
     * {@code files:} as a fsynced temp file in its directory in the container's layer (never following a symlink),
     * and the LXC config as a temp file beside the config. Nothing old is touched, so when this fails (a full disk,
     * a symlink on the way) the old files, the old config and the running container are as they were, and the
     * error names the container and the path. A new container that cannot be staged leaves nothing behind.
     */
    StagedWrite stage(ContainerSpec spec) {
        ContainerName name = spec.name();
        Set<String> fileMounts = checkMountSources(spec.mounts());
        AgentHomes.register(home); // so other homes' containers hide this one even when nothing of it is mounted
        boolean newContainer = !Files.exists(home.containerDir(name), LinkOption.NOFOLLOW_LINKS);
        boolean hadRange = ranges.rangeOf(name).isPresent();
        Optional<IdRange> range = spec.privileged() ? Optional.empty() : Optional.of(ranges.allocate(name));
        List<StagedFile> staged = new ArrayList<>();
        try {
            String config = renderer.render(spec, Templates.load(spec.template()), fileMounts, range);
            int idBase = idBase(range);
            try {
                Files.createDirectories(home.containerDir(name));
                upperLayer.prepare(home.upper(name), idBase);
            } catch (IOException e) {
                throw new UncheckedIOException("container " + name + ": cannot create its directories under "
                        + home.containerDir(name) + ": " + e.getMessage(), e);
            }
            for (var file : spec.files()) {
                staged.add(upperLayer.stage(home.upper(name), file, idBase));
            }
            staged.add(stageConfig(name, config));
            return new StagedWrite(spec, range, staged);
        } catch (RuntimeException e) {
            try {
                discard(staged);
                if (newContainer) {
                    safeDelete.deleteTree(home.containerDir(name));
                    if (!hadRange) {
                        releaseRange(name);
                    }
                }
            } catch (RuntimeException cleanup) { // a full disk may refuse the cleanup's own writes too
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Puts a staged write in place: the container is stopped now. Shifts its own layer when its privilege
     * changed, renames each staged file over the old one, then the config, and remembers the spec.
     */
    void commit(StagedWrite write) {
        ContainerSpec spec = write.spec();
        ContainerName name = spec.name();
        int idBase = idBase(write.range());
        try {
            shiftOwnLayer(name, write.range());
            prepareWorkDir(home.work(name), idBase);
            if (write.range().isPresent()) {
                // LXC mounts the overlay as the container's root: it must reach the layers, and no one else
                kernel.lchown(home.containerDir(name), 0, idBase);
                Files.setPosixFilePermissions(home.containerDir(name), PosixFilePermissions.fromString("rwx--x---"));
            }
        } catch (IOException | RuntimeException e) {
            discard(write.files());
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException("cannot create the directories of " + name + ": " + e.getMessage(),
                    (IOException) e);
        }
        for (int i = 0; i < write.files().size(); i++) {
            try {
                write.files().get(i).commit();
            } catch (RuntimeException e) {
                discard(write.files().subList(i + 1, write.files().size()));
                throw e;
            }
        }
        removeDroppedFiles(spec);
        if (spec.privileged()) {
            releaseRange(name); // it was unprivileged: its own layer is back in the host's ids now
        }
        store.writeApplied(spec);
    }

    /** The files the last applied spec wrote that this one does not: out of the layer, so the host's show again. */
    private void removeDroppedFiles(ContainerSpec spec) {
        Set<AbsolutePath> kept = new HashSet<>();
        spec.files().forEach(f -> kept.add(f.path()));
        store.readApplied(spec.name()).ifPresent(before -> before.files().stream()
                .map(FileSpec::path)
                .filter(path -> !kept.contains(path))
                .forEach(path -> upperLayer.remove(home.upper(spec.name()), path)));
    }

    /** Drops a staged write that will not be committed (the stop before it failed): the temp files go. */
    void discard(StagedWrite write) {
        discard(write.files());
    }

    private static void discard(List<StagedFile> staged) {
        for (int i = staged.size() - 1; i >= 0; i--) { // the last staged first: it may sit in a directory an earlier one made
            staged.get(i).discard();
        }
    }

    private StagedFile stageConfig(ContainerName name, String config) {
        Path dir = home.containerDir(name);
        NoFollowDirectory opened = null;
        try {
            opened = NoFollowDirectory.open(dir);
            String temp = opened.stageFile("config", config.getBytes(StandardCharsets.UTF_8), 0, 0, 0644);
            return new StagedFile(name.value(), "LXC config " + home.config(name), List.of(opened), List.of(), temp,
                    "config");
        } catch (Kernel.KernelException e) {
            if (opened != null) {
                opened.close();
            }
            throw new IllegalStateException("container " + name + ": cannot write its LXC config " + home.config(name)
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves the owners of an existing own layer into the container's range (it was privileged) or out of the range
     * it had (it is privileged now). The owner of the layer's root says which it is, so a shift that was interrupted
     * is simply run again; the shifter never follows a symlink nor crosses a mount point.
     */
    private void shiftOwnLayer(ContainerName name, Optional<IdRange> range) {
        Path upper = home.upper(name);
        if (!Files.isDirectory(upper, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        long owner = ownerOf(upper);
        if (range.isPresent() && owner != range.get().hostBase()) {
            new OwnershipShifter().shift(upper, IdShift.into(range.get()));
        } else if (range.isEmpty()) {
            Optional<IdRange> previous = ranges.rangeOf(name);
            if (previous.isPresent() && previous.get().contains(owner)) {
                new OwnershipShifter().shift(upper, IdShift.outOf(previous.get()));
            }
        }
    }

    /** The overlay's work directory, owned like the upper; one left from the other privilege is made afresh. */
    private void prepareWorkDir(Path work, int idBase) throws IOException {
        if (Files.isDirectory(work, LinkOption.NOFOLLOW_LINKS) && ownerOf(work) != idBase) {
            safeDelete.deleteTree(work); // overlayfs' scratch space only; the container is stopped
        }
        if (!Files.isDirectory(work, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(work);
            kernel.lchown(work, idBase, idBase);
        }
    }

    private void releaseRange(ContainerName name) {
        Optional<IdRange> range = ranges.rangeOf(name);
        if (range.isPresent()) {
            idmappedRoots.release(range.get());
            ranges.release(name);
        }
    }

    private static int idBase(Optional<IdRange> range) {
        return range.map(r -> Math.toIntExact(r.hostBase())).orElse(0);
    }

    private static long ownerOf(Path path) {
        try {
            return Integer.toUnsignedLong((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the owner of " + path + ": " + e.getMessage(), e);
        }
    }

    /** Remembers a spec whose changes the container's config and files do not carry (see {@code ActionKind.RECORD}). */
    public void record(ContainerSpec spec) {
        store.writeApplied(spec);
    }

    /** Builds a fresh mask layer from the host as it is now, then starts the container. */
    public void start(ContainerSpec spec) {
        ContainerName name = spec.name();
        checkMountSources(spec.mounts());
        Optional<IdRange> range = spec.privileged() ? Optional.empty() : Optional.of(ranges.rangeOf(name).orElseThrow(() ->
                new IllegalStateException(name + " is unprivileged but has no id range recorded in " + home.idRanges()
                        + "; apply its definition again")));
        if (range.isPresent()) {
            ranges.ensureSubIds();
            idmappedRoots.ensure(range.get());
            allowTraversalToLayers();
        }
        safeDelete.deleteTree(home.maskDir(name));
        AgentHomes.register(home);
        List<MaskEntry> mask = new MaskPlanner(lower).plan(spec, AgentHomes.toHide(home));
        new MaskWriter(kernel, lower, idBase(range)).write(home.maskDir(name), mask);
        lxc.start(name, spec.usesHostInit() ? List.of() : spec.init());
    }

    public void stop(ContainerName name, StopPolicy policy) {
        lxc.stop(name, policy);
    }

    /** Deletes everything of a stopped container, its own layer included. */
    public void destroy(ContainerName name) {
        if (lxc.state(name).running()) {
            throw new IllegalStateException(name + " is still running; not deleting it");
        }
        safeDelete.deleteTree(home.maskDir(name));
        safeDelete.deleteTree(home.containerDir(name));
        releaseRange(name); // only now: no file owned by the range is left
    }

    /** The container's root (its range's base on the host) passes through these on its way to its layers. */
    private void allowTraversalToLayers() {
        try {
            for (Path dir : List.of(home.dir(), home.containers(), home.maskMount(), home.idmappedRoots())) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    PrivateHome.allowTraversal(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot let unprivileged containers reach their layers under " + home.dir()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Checks that every mount source exists on the host; returns the targets whose source is a file. */
    private static Set<String> checkMountSources(List<MountSpec> mounts) {
        Set<String> files = new HashSet<>();
        for (MountSpec mount : mounts) {
            Path source = Path.of(mount.source().value());
            if (!Files.exists(source)) {
                throw new IllegalArgumentException("mount source " + source + " does not exist on this host; create it"
                        + " or fix the mount's source");
            }
            if (!Files.isDirectory(source)) {
                files.add(mount.target().value());
            }
        }
        return files;
    }
}
