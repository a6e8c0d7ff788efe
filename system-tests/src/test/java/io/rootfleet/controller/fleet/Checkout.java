package io.rootfleet.controller.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout under test and its launchers. Failsafe passes its directory as {@code rootfleet.checkout}
 * (the property the {@code bin/rootfleet} launcher sets too); run elsewhere, it is found above the working
 * directory.
 */
final class Checkout {
    private static final Path DIR = locate();

    private Checkout() {}

    static Path dir() {
        return DIR;
    }

    /** {@code bin/rootfleet-agent}, the agent every simulated host runs; fails if its jar was not built. */
    static Path agentLauncher() {
        requireBuilt(DIR.resolve("agent/target/rootfleet-agent.jar"));
        return DIR.resolve("bin/rootfleet-agent");
    }

    /** {@code bin/rootfleet}, the controller's launcher; fails if its jar was not built. */
    static Path controllerLauncher() {
        requireBuilt(DIR.resolve("controller/target/rootfleet-controller.jar"));
        return DIR.resolve("bin/rootfleet");
    }

    /** Without the jar the launcher would run Maven inside an SSH session: slow, and not what is tested. */
    private static void requireBuilt(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it first: mvn -B -pl agent,controller -am"
                    + " verify (or mvn -B -DskipTests package)");
        }
    }

    private static Path locate() {
        String property = System.getProperty("rootfleet.checkout");
        try {
            if (property != null) {
                return Path.of(property).toRealPath();
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isExecutable(dir.resolve("bin/rootfleet-agent"))) {
                    return dir.toRealPath();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find the checkout from " + property, e);
        }
        throw new IllegalStateException("cannot find the checkout: no bin/rootfleet-agent above "
                + Path.of("").toAbsolutePath() + "; set -Drootfleet.checkout=DIR");
    }
}
