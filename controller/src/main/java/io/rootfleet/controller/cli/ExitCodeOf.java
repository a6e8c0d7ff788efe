package io.rootfleet.controller.cli;

import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.patch.PatchVerdict;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.model.ExitStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Maps what happened on the hosts to the controller's exit status: a failure outranks an unreachable host. */
public final class ExitCodeOf {
    /** Verdicts that leave a host unpatched through no fault of the network: they make a patch fail. */
    private static final Set<PatchVerdict> NOT_DONE = EnumSet.of(PatchVerdict.FAILED, PatchVerdict.STILL_STALE, PatchVerdict.NOT_PATCHED);

    private ExitCodeOf() {}

    public static ExitStatus outcomes(List<HostOutcome> outcomes) {
        return of(outcomes.stream().anyMatch(o -> o.status() == HostOutcome.Status.FAILED),
                outcomes.stream().anyMatch(o -> o.status() == HostOutcome.Status.UNREACHABLE));
    }

    /**
     * A patch: a failed canary, then an interruption that left something undone, outrank the rest; a failed host, a container that failed its restart or health check, a rollout stopped at the
     * failure limit or stale containers left outrank an unreachable host.
     */
    public static ExitStatus patch(PatchResult result) {
        if (result.canaryFailed()) {
            return ExitStatus.CANARY_FAILED;
        }
        if (result.interrupted()) {
            return ExitStatus.INTERRUPTED;
        }
        return of(result.hosts().stream().anyMatch(h -> NOT_DONE.contains(h.verdict())),
                result.hosts().stream().anyMatch(h -> h.verdict() == PatchVerdict.UNREACHABLE));
    }

    private static ExitStatus of(boolean someFailed, boolean someUnreachable) {
        return someFailed ? ExitStatus.FAILED : someUnreachable ? ExitStatus.UNREACHABLE : ExitStatus.OK;
    }
}
