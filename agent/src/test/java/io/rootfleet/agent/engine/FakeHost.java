package io.rootfleet.agent.engine;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.lxc.HostFacts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** An {@link Engine} on a temporary home with a {@link FakeLxc} and a {@link FakeKernel}, for unit tests. */
public final class FakeHost {
    public final AgentHome home;
    public final FakeLxc lxc = new FakeLxc();
    public final FakeKernel kernel = new FakeKernel();

    public FakeHost(Path dir) {
        this.home = new AgentHome(dir);
    }

    /** The engine as the commands wire it, but with no grace period and host layers that are always there. */
    public Engine engine() {
        return new Engine(home, lxc, kernel, new HostFacts(true, false), Duration.ZERO, Optional::empty);
    }
}
