package io.rootfleet.agent.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --lock-timeout} of the commands that change the home but converge nothing (hold, unhold, teardown). */
final class LockTimeoutOption {
    @Option(names = "--lock-timeout", paramLabel = "SECONDS", description = "How long to wait for another agent run"
            + " to finish (default: ${DEFAULT-VALUE}).")
    int seconds = 60;

    Duration duration() {
        return Duration.ofSeconds(seconds);
    }
}
