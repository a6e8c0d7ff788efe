package io.rootfleet.controller.patch;

import io.rootfleet.controller.push.HostOutcome;
import io.rootfleet.controller.push.HostRestart;
import io.rootfleet.controller.push.HostScan;
import io.rootfleet.model.report.HeldContainer;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One host through {@code rootfleet patch}: the scan before, the rolling restart of its stale containers (when
 * it had some and the rollout reached it), the scan after that restart, and the verdict.
 */
public record HostPatch(String host, HostScan before, Optional<HostRestart> restart, Optional<HostScan> after, PatchVerdict verdict) {

    /** The verdict that follows from what happened: the first step that went wrong decides. */
    public static HostPatch of(HostScan before, Optional<HostRestart> restart, Optional<HostScan> after, boolean check) {
        return new HostPatch(before.host(), before, restart, after, verdict(before, restart, after, check));
    }

    private static PatchVerdict verdict(HostScan before, Optional<HostRestart> restart, Optional<HostScan> after, boolean check) {
        if (!before.ok()) {
            return failure(before.status());
        }
        if (before.staleCount() == 0) {
            return PatchVerdict.CLEAN;
        }
        if (check) {
            return PatchVerdict.STALE;
        }
        if (restart.isEmpty()) {
            return PatchVerdict.NOT_PATCHED;
        }
        if (restart.get().interrupted() && restart.get().failedContainers() == 0) {
            return PatchVerdict.INTERRUPTED;
        }
        if (!restart.get().ok()) {
            return failure(restart.get().status());
        }
        if (after.isEmpty() || !after.get().ok()) {
            return after.map(a -> failure(a.status())).orElse(PatchVerdict.FAILED);
        }
        if (!stillStale(after.get(), restart).isEmpty()) {
            return PatchVerdict.STILL_STALE;
        }
        boolean restartedNone = restart.get().summary().map(s -> s.restarted().isEmpty()).orElse(false);
        return restartedNone && !held(restart).isEmpty() ? PatchVerdict.HELD : PatchVerdict.PATCHED;
    }

    /** The stale containers after the restart that it did not leave alone because they are held. */
    private static List<String> stillStale(HostScan after, Optional<HostRestart> restart) {
        List<String> held = held(restart).stream().map(HeldContainer::container).toList();
        return after.stale().stream().map(StaleReport.Container::name).filter(n -> !held.contains(n)).toList();
    }

    private static List<HeldContainer> held(Optional<HostRestart> restart) {
        return restart.flatMap(HostRestart::summary).map(RestartSummary::held).orElse(List.of());
    }

    /** The containers the restart left alone because they, or the host, are held. */
    public List<HeldContainer> held() {
        return held(restart);
    }

    private static PatchVerdict failure(HostOutcome.Status status) {
        return status == HostOutcome.Status.UNREACHABLE ? PatchVerdict.UNREACHABLE : PatchVerdict.FAILED;
    }

    /** Stale containers found by the first scan; empty when it failed. */
    public OptionalInt staleBefore() {
        return before.ok() ? OptionalInt.of(before.staleCount()) : OptionalInt.empty();
    }

    /**
     * Stale containers now: from the scan after the restart, or the first scan's count when nothing was
     * restarted; empty when unknown (a scan failed).
     */
    public OptionalInt staleAfter() {
        if (after.isPresent()) {
            return after.get().ok() ? OptionalInt.of(after.get().staleCount()) : OptionalInt.empty();
        }
        return restart.isEmpty() ? staleBefore() : OptionalInt.empty();
    }

    /** What went wrong on this host, or what is left to do; empty when nothing. */
    public Optional<String> detail() {
        return switch (verdict) {
            case CLEAN, STALE -> Optional.empty();
            case PATCHED, HELD -> held().isEmpty() ? Optional.empty() : Optional.of("held, not restarted: "
                    + String.join(", ", held().stream().map(HeldContainer::container).toList()));
            case NOT_PATCHED -> Optional.of("not touched: the rollout stopped before this host");
            case STILL_STALE -> Optional.of("still stale after the restart: " + String.join(", ",
                    stillStale(after.orElseThrow(), restart)));
            case FAILED, UNREACHABLE, INTERRUPTED -> failureDetail();
        };
    }

    private Optional<String> failureDetail() {
        if (!before.ok()) {
            return before.error();
        }
        if (restart.isPresent() && !restart.get().ok()) {
            return restart.get().error();
        }
        return after.flatMap(HostScan::error).map(why -> "restarted, but the scan after it failed: " + why)
                .or(() -> Optional.of("restarted, but not scanned after"));
    }

    /** The time spent on this host: scan, restart and scan after. */
    public long millis() {
        return before.millis() + restart.map(HostRestart::millis).orElse(0L) + after.map(HostScan::millis).orElse(0L);
    }
}
