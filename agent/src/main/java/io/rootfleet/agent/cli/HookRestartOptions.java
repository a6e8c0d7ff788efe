package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.RestartFlags;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import picocli.CommandLine.Option;

/** The rolling-restart policy the hook uses; taken as text and checked here, so a bad value is a message, not a crash. */
final class HookRestartOptions {
    @Option(names = "--batch", paramLabel = "N|P%", description = "Containers restarted at once (a number or a percentage"
            + " of the stale ones); default: the restart command's.")
    String batch;

    @Option(names = "--max-fail", paramLabel = "N", description = "Failures after which the rollout stops; default: the"
            + " restart command's.")
    String maxFail;

    RestartFlags flags() {
        Integer max = null;
        if (maxFail != null) {
            if (!maxFail.matches("[0-9]{1,6}")) {
                throw new InvalidInputException(Location.of("--max-fail"), "'" + maxFail + "' is not a number; give 1 or more");
            }
            max = Integer.parseInt(maxFail);
        }
        return RestartFlags.of(batch, max);
    }
}
