package io.rootfleet.agent.engine;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.AgentHomes;
import io.rootfleet.agent.host.SafeDelete;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.LxcConfigRenderer;
import io.rootfleet.agent.lxc.Templates;
import io.rootfleet.agent.mask.HostView;
import io.rootfleet.agent.mask.MaskEntry;
import io.rootfleet.agent.mask.MaskPlanner;
import io.rootfleet.agent.mask.MaskWriter;
import io.rootfleet.agent.state.StateStore;
import io.rootfleet.agent.sys.AtomicFiles;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.MountSpec;
import io.rootfleet.model.StopPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Carries out single steps on single containers: write, start, stop, destroy. */
public final class ContainerActions {
    private final AgentHome home;
    private final Lxc lxc;
    private final Kernel kernel;
    private final StateStore store;
    private final LxcConfigRenderer renderer;
    private final HostView lower;
    private final UpperLayer upperLayer;
    private final SafeDelete safeDelete;

    ContainerActions(AgentHome home, Lxc lxc, Kernel kernel, StateStore store, LxcConfigRenderer renderer, HostView lower) {
        this.home = home;
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
        String config = renderer.render(spec, Templates.load(spec.template()), fileMounts);
        try {
            Files.createDirectories(home.containerDir(name));
            upperLayer.prepare(home.upper(name));
            Files.createDirectories(home.work(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directories of " + name + ": " + e.getMessage(), e);
        }
        spec.files().forEach(file -> upperLayer.write(home.upper(name), file));
        AtomicFiles.write(home.config(name), config);
        store.writeApplied(spec);
    }

    /** Remembers a spec whose changes the container's config and files do not carry (see {@code ActionKind.RECORD}). */
    public void record(ContainerSpec spec) {
        store.writeApplied(spec);
    }

    /** Builds a fresh mask layer from the host as it is now, then starts the container. */
    public void start(ContainerSpec spec) {
        ContainerName name = spec.name();
        checkMountSources(spec.mounts());
        safeDelete.deleteTree(home.maskDir(name));
        List<MaskEntry> mask = new MaskPlanner(lower).plan(spec, AgentHomes.toHide(home));
        new MaskWriter(kernel, lower).write(home.maskDir(name), mask);
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
