package io.rootfleet.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkout's {@code bin/rootfleet-agent}, for the tests that run the agent as a separate process: the launcher
 * operators run, with its JVM flags and class-data archive, on the jar this build made (the poms set
 * {@code ROOTFLEET_NO_BUILD} for the integration tests, so it never builds in the middle of the suite).
 */
final class AgentLauncher {
    private static final Path JAR = Path.of(System.getProperty("rootfleet.agent.jar", "target/rootfleet-agent.jar"))
            .toAbsolutePath();
    /** CHECKOUT/agent/target/rootfleet-agent.jar -> CHECKOUT/bin/rootfleet-agent */
    private static final Path LAUNCHER = JAR.getParent().getParent().getParent().resolve("bin/rootfleet-agent");

    private AgentLauncher() {}

    /** {@code bin/rootfleet-agent}; fails if the jar was not built. */
    static Path path() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing; build it first: mvn -B -DskipTests package");
        }
        return LAUNCHER;
    }

    /** {@code bin/rootfleet-agent --home HOME ARGS...}; fails if the jar was not built. */
    static List<String> argv(Path home, String... args) {
        List<String> argv = new ArrayList<>(List.of(path().toString(), "--home", home.toString()));
        argv.addAll(List.of(args));
        return argv;
    }
}
