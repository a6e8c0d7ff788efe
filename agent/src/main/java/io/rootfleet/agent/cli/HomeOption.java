package io.rootfleet.agent.cli;

import io.rootfleet.agent.host.AgentHome;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every agent command shares. */
final class HomeOption {
    @Option(names = "--home", paramLabel = "DIR",
            description = "Agent home: state, container layers and LXC configs (default: ${DEFAULT-VALUE}).")
    Path home = AgentHome.DEFAULT;

    @Option(names = "--verbose", description = "Show stack traces of internal errors.")
    boolean verbose;
}
