package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.AgentProcess;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The agent launcher the hook runs. */
final class HookAgentOption {
    @Option(names = "--agent", paramLabel = "PATH", description = "The agent launcher the hook runs, an absolute path"
            + " (default: the launcher running this agent: /usr/local/bin/rootfleet-agent as installed by 'rootfleet"
            + " bootstrap', or a checkout's bin/rootfleet-agent).")
    String agent;

    /** The given launcher, or the one running this agent; it must be an executable file. */
    String launcher() {
        String path = agent != null ? agent : AgentProcess.runningLauncher().map(Path::toString).orElseThrow(() ->
                new InvalidInputException(Location.of("--agent"), "cannot tell which launcher runs this agent; give it"
                        + " with --agent PATH (e.g. /usr/local/bin/rootfleet-agent)"));
        if (path.startsWith("/") && !Files.isExecutable(Path.of(path))) {
            throw new InvalidInputException(Location.of("--agent"), "'" + path + "' is not an executable file; give the"
                    + " agent's launcher (e.g. /usr/local/bin/rootfleet-agent)");
        }
        return path;
    }
}
