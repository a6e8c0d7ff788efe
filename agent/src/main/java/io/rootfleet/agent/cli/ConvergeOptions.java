package io.rootfleet.agent.cli;

import io.rootfleet.agent.engine.Reporter;
import io.rootfleet.agent.report.HumanReporter;
import io.rootfleet.agent.report.JsonReporter;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.Problem;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of the commands that work on containers under the host lock: apply, reconcile and restart. */
final class ConvergeOptions {
    @Option(names = "--json", description = "Write newline-delimited JSON events instead of text.")
    boolean json;

    @Option(names = "--parallel", paramLabel = "N", description = "Containers worked on at once (default: ${DEFAULT-VALUE}).")
    int parallel = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", description = "How long to wait for another agent run"
            + " to finish (default: ${DEFAULT-VALUE}).")
    int lockTimeoutSeconds = 300;

    /** What is wrong with these options; empty when nothing is. */
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (parallel < 1) {
            problems.add(new Problem(Location.of("--parallel"), "--parallel must be at least 1"));
        }
        if (lockTimeoutSeconds < 0) {
            problems.add(new Problem(Location.of("--lock-timeout"), "--lock-timeout cannot be negative"));
        }
        return problems;
    }

    void check() {
        List<Problem> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    Duration lockTimeout() {
        return Duration.ofSeconds(lockTimeoutSeconds);
    }

    Reporter reporter(PrintWriter out) {
        return json ? new JsonReporter(out) : new HumanReporter(out);
    }
}
