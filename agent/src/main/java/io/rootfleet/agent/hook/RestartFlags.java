package io.rootfleet.agent.hook;

import io.rootfleet.model.BatchSize;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * The rolling-restart policy the hook passes to {@code rootfleet-agent restart --stale}: {@code --batch N|P%}
 * and {@code --max-fail N}, each null for the restart's own default. They end up in the hook's command line,
 * which {@link HookScript} keeps a fixed, harmless shell line.
 */
public record RestartFlags(BatchSize batch, Integer maxFail) {
    public static final RestartFlags DEFAULT = new RestartFlags(null, null);

    public RestartFlags {
        if (maxFail != null && maxFail < 1) {
            throw new InvalidInputException(Location.of("--max-fail"), maxFail + " is below 1; give 1 or more (1 stops"
                    + " the rollout at the first failure)");
        }
    }

    /** The policy as typed: {@code batch} in the restart command's {@code N|P%} grammar, or null. */
    public static RestartFlags of(String batch, Integer maxFail) {
        return new RestartFlags(batch == null ? null : BatchSize.parse(batch, "--batch", "containers"), maxFail);
    }

    /** The restart command's options for this policy, e.g. [--batch, 25%, --max-fail, 1]. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        if (batch != null) {
            argv.addAll(List.of("--batch", batch.toString()));
        }
        if (maxFail != null) {
            argv.addAll(List.of("--max-fail", String.valueOf(maxFail)));
        }
        return argv;
    }
}
