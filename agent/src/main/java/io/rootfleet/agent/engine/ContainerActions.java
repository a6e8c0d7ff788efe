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
import io.rootfleet.agent.sys.AtomicFiles;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.userns.IdRange;
import io.rootfleet.agent.userns.IdShift;
import io.rootfleet.agent.userns.OwnershipShifter;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.MountSpec;
import io.rootfleet.model.StopPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    /** Creates or rewrites the container's directories, files and LXC config; the container is not running. */
    public void write(ContainerSpec spec) {
        ContainerName name = spec.name();
        Set<String> fileMounts = checkMountSources(spec.mounts());
        Optional<IdRange> range = spec.privileged() ? Optional.empty() : Optional.of(ranges.allocate(name));
        String config = renderer.render(spec, Templates.load(spec.template()), fileMounts, range);
        int idBase = idBase(range);
        try {
            Files.createDirectories(home.containerDir(name));
            shiftOwnLayer(name, range);
            upperLayer.prepare(home.upper(name), idBase);
            prepareWorkDir(home.work(name), idBase);
            if (range.isPresent()) {
                // LXC mounts the overlay as the container's root: it must reach the layers, and no one else
                kernel.lchown(home.containerDir(name), 0, idBase);
                Files.setPosixFilePermissions(home.containerDir(name), PosixFilePermissions.fromString("rwx--x---"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directories of " + name + ": " + e.getMessage(), e);
        }
        spec.files().forEach(file -> upperLayer.write(home.upper(name), file, idBase));
        AtomicFiles.write(home.config(name), config);
        if (spec.privileged()) {
            releaseRange(name); // it was unprivileged: its own layer is back in the host's ids now
        }
        store.writeApplied(spec);
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
