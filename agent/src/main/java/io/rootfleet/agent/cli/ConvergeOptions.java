package io.rootfleet.agent.cli;

import io.rootfleet.agent.engine.Reporter;
import io.rootfleet.agent.report.HumanReporter;
import io.rootfleet.agent.report.JsonReporter;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of the commands that run a plan of container steps: apply and reconcile. */
final class ConvergeOptions {
    @Option(names = "--json", description = "Write newline-delimited JSON events instead of text.")
    boolean json;

    @Option(names = "--parallel", paramLabel = "N", description = "Containers worked on at once (default: ${DEFAULT-VALUE}).")
    int parallel = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", description = "How long to wait for another agent run"
            + " to finish (default: ${DEFAULT-VALUE}).")
    int lockTimeoutSeconds = 300;

    void check() {
        if (parallel < 1) {
            throw new InvalidInputException(Location.of("--parallel"), "--parallel must be at least 1");
        }
    }

    Duration lockTimeout() {
        return Duration.ofSeconds(lockTimeoutSeconds);
    }

    Reporter reporter(PrintWriter out) {
        return json ? new JsonReporter(out) : new HumanReporter(out);
    }
}
