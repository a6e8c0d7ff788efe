package io.rootfleet.agent.engine;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.IdmappedRoots;
import io.rootfleet.agent.lxc.HostFacts;
import io.rootfleet.agent.userns.IdRange;
import io.rootfleet.agent.userns.SubIdFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link Engine} on a temporary home with a {@link FakeLxc} and a {@link FakeKernel}, for unit tests. Its
 * /etc/subuid and /etc/subgid are files beside the home, and its idmapped roots are plain directories.
 */
public final class FakeHost {
    public final AgentHome home;
    public final FakeLxc lxc = new FakeLxc();
    public final FakeKernel kernel = new FakeKernel();
    public final Path subuid;
    public final Path subgid;
    /** "mount BASE" and "release BASE", in order. */
    public final List<String> idmappedRootCalls = new ArrayList<>();

    public FakeHost(Path dir) {
        this.home = new AgentHome(dir);
        Path etc = dir.resolveSibling(dir.getFileName() + "-etc");
        this.subuid = etc.resolve("subuid");
        this.subgid = etc.resolve("subgid");
        try {
            Files.createDirectories(etc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The engine as the commands wire it, but with no grace period and host layers that are always there. */
    public Engine engine() {
        return engine(new HostFacts(true, false));
    }

    public Engine engine(HostFacts facts) {
        return new Engine(home, lxc, kernel, facts, Duration.ZERO, Optional::empty, new SubIdFiles(subuid, subgid),
                new IdmappedRoots() {
                    @Override
                    public Path ensure(IdRange range) {
                        Path target = home.idmappedRoot(range.hostBase());
                        try {
                            Files.createDirectories(target);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        idmappedRootCalls.add("mount " + range.hostBase());
                        return target;
                    }

                    @Override
                    public void release(IdRange range) {
                        idmappedRootCalls.add("release " + range.hostBase());
                    }
                });
    }
}
