package io.rootfleet.agent.cli;

import io.rootfleet.agent.engine.Engine;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.lxc.HostFacts;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.LxcCli;
import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.agent.sys.Kernel;
import java.nio.file.Path;

/** The agent's collaborators for one host home, wired once after checking the host can run them. */
record AgentContext(AgentHome home, Lxc lxc, Engine engine) {

    static AgentContext forHome(Path dir) {
        Kernel kernel = Kernel.get();
        if (!kernel.isRoot()) {
            throw new HostNotReadyException("rootfleet-agent must run as root: it mounts filesystems and runs LXC."
                    + " Run it with sudo.");
        }
        if (!LxcCli.installed()) {
            throw new HostNotReadyException("LXC is not installed on this host (no lxc-start on PATH);"
                    + " install it with: apt-get install lxc");
        }
        AgentHome home = new AgentHome(dir);
        Lxc lxc = new LxcCli(new CommonsExecRunner(), home.containers());
        return new AgentContext(home, lxc, new Engine(home, lxc, kernel, HostFacts.detect()));
    }

    /** The host lacks something the agent needs. */
    static final class HostNotReadyException extends RuntimeException {
        HostNotReadyException(String message) {
            super(message);
        }
    }
}
