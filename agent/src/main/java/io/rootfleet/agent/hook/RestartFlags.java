package io.rootfleet.agent.hook;

import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * The rolling-restart policy the hook passes to {@code rootfleet-agent restart --stale}: {@code --batch N|P%}
 * and {@code --max-fail N}, each absent for the restart's own default. Checked here because they end up in
 * the hook's command line, which must stay a fixed, harmless shell line.
 */
public record RestartFlags(String batch, Integer maxFail) {
    public static final RestartFlags DEFAULT = new RestartFlags(null, null);

    public RestartFlags {
        if (batch != null && !batch.matches("[1-9][0-9]{0,5}|([1-9][0-9]?|100)%")) {
            throw new InvalidInputException(Location.of("--batch"), "'" + batch + "' is not a batch size; give a number of"
                    + " containers (e.g. 2) or a percentage from 1% to 100% (e.g. 25%)");
        }
        if (maxFail != null && maxFail < 1) {
            throw new InvalidInputException(Location.of("--max-fail"), maxFail + " is below 1; give 1 or more (1 stops"
                    + " the rollout at the first failure)");
        }
    }

    /** The restart command's options for this policy, e.g. [--batch, 25%, --max-fail, 1]. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        if (batch != null) {
            argv.addAll(List.of("--batch", batch));
        }
        if (maxFail != null) {
            argv.addAll(List.of("--max-fail", String.valueOf(maxFail)));
        }
        return argv;
    }
}
