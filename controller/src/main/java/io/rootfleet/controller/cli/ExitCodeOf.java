package io.rootfleet.controller.cli;

import io.rootfleet.controller.push.HostOutcome;
import java.util.List;

/** Maps host outcomes to the controller's exit code: a failure outranks an unreachable host. */
public final class ExitCodeOf {

    private ExitCodeOf() {}

    public static int outcomes(List<HostOutcome> outcomes) {
        if (outcomes.stream().anyMatch(o -> o.status() == HostOutcome.Status.FAILED)) {
            return ExitCodes.FAILED;
        }
        if (outcomes.stream().anyMatch(o -> o.status() == HostOutcome.Status.UNREACHABLE)) {
            return ExitCodes.UNREACHABLE;
        }
        return ExitCodes.OK;
    }
}
