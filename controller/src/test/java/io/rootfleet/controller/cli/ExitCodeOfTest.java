package io.rootfleet.controller.cli;

import static io.rootfleet.controller.patch.Scans.healthFailed;
import static io.rootfleet.controller.patch.Scans.restarted;
import static io.rootfleet.controller.patch.Scans.scan;
import static io.rootfleet.controller.patch.Scans.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.patch.HostPatch;
import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.ExitStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitCodeOfTest {
    private static final HostPatch PATCHED =
            HostPatch.of(scan("a", 2, 0), Optional.of(restarted("a", 2)), Optional.of(scan("a", 0, 2)), false);
    private static final HostPatch CLEAN = HostPatch.of(scan("b", 0, 2), Optional.empty(), Optional.empty(), false);
    private static final HostPatch DOWN = HostPatch.of(unreachable("c"), Optional.empty(), Optional.empty(), false);
    private static final HostPatch FAILED =
            HostPatch.of(scan("d", 1, 0), Optional.of(healthFailed("d", 1)), Optional.of(scan("d", 1, 0)), false);
    private static final HostPatch STILL_STALE =
            HostPatch.of(scan("e", 2, 0), Optional.of(restarted("e", 2)), Optional.of(scan("e", 1, 1)), false);
    private static final HostPatch NOT_PATCHED = HostPatch.of(scan("f", 1, 0), Optional.empty(), Optional.empty(), false);

    private static ExitStatus exit(boolean check, HostPatch... hosts) {
        return ExitCodeOf.patch(new PatchResult(List.of(hosts), check, Optional.empty()));
    }

    @Test
    void patch_okOnlyWhenEveryReachedHostIsPatchedOrClean() {
        assertThat(exit(false, PATCHED, CLEAN)).isEqualTo(ExitStatus.OK);
        assertThat(exit(false)).isEqualTo(ExitStatus.OK);
    }

    @Test
    void patch_aFailureOrStaleContainersLeftOutrankUnreachable() {
        assertThat(exit(false, PATCHED, DOWN)).isEqualTo(ExitStatus.UNREACHABLE);
        assertThat(exit(false, FAILED, DOWN)).isEqualTo(ExitStatus.FAILED);
        assertThat(exit(false, PATCHED, STILL_STALE)).isEqualTo(ExitStatus.FAILED);
        assertThat(exit(false, PATCHED, NOT_PATCHED, DOWN)).isEqualTo(ExitStatus.FAILED);
    }

    @Test
    void patch_withCheck_staleContainersAreNotAFailure() {
        HostPatch stale = HostPatch.of(scan("a", 2, 0), Optional.empty(), Optional.empty(), true);
        HostPatch broken = HostPatch.of(HostScan.failed("b", HostOutcome.Status.FAILED, "the agent exited with status 4", 1),
                Optional.empty(), Optional.empty(), true);

        assertThat(exit(true, stale, CLEAN)).isEqualTo(ExitStatus.OK);
        assertThat(exit(true, stale, DOWN)).isEqualTo(ExitStatus.UNREACHABLE);
        assertThat(exit(true, stale, broken, DOWN)).isEqualTo(ExitStatus.FAILED);
    }

    private static PatchResult.Stop stop(PatchResult.Reason reason) {
        return new PatchResult.Stop(reason, 0, 1, 1, 1, new io.rootfleet.controller.patch.FailureLimit(0), List.of("f"),
                Optional.of("why"));
    }

    @Test
    void patch_aFailedCanaryOutranksAnInterruption_whichOutranksFailures() {
        assertThat(ExitCodeOf.patch(new PatchResult(List.of(FAILED, NOT_PATCHED, DOWN), false,
                Optional.of(stop(PatchResult.Reason.CANARY_FAILED))))).isEqualTo(ExitStatus.CANARY_FAILED);
        assertThat(ExitCodeOf.patch(new PatchResult(List.of(FAILED, NOT_PATCHED, DOWN), false,
                Optional.of(stop(PatchResult.Reason.INTERRUPTED))))).isEqualTo(ExitStatus.INTERRUPTED);
        assertThat(ExitCodeOf.patch(new PatchResult(List.of(FAILED, NOT_PATCHED), false,
                Optional.of(stop(PatchResult.Reason.FAILURE_LIMIT))))).isEqualTo(ExitStatus.FAILED);
        assertThat(ExitStatus.INTERRUPTED.code()).isEqualTo(6);
        assertThat(ExitStatus.CANARY_FAILED.code()).isEqualTo(7);
    }
}
