package io.rootfleet.controller.patch;

/** Where one host ended up after {@code rootfleet patch}. */
public enum PatchVerdict {
    /**
     * Its stale containers were restarted and passed their health checks, and none is stale now but the held ones it
     * left alone.
     */
    PATCHED("patched"),
    /**
     * Its stale containers are all held ({@code rootfleet-agent hold}, or the whole host): left alone as asked,
     * nothing restarted, nothing failed.
     */
    HELD("held"),
    /** With --check: it has stale containers, and nothing was restarted. */
    STALE("stale"),
    /** Reached, and none of its containers was stale: nothing to do. */
    CLEAN("clean"),
    /** The restart went through, but the scan after it still finds stale containers. */
    STILL_STALE("STILL STALE"),
    /** It has stale containers, but the rollout stopped (failure limit, failed canary, interrupted) before it. */
    NOT_PATCHED("NOT PATCHED"),
    /** Its agent was asked to stop with the campaign: the batch under way finished, later containers were not restarted. */
    INTERRUPTED("INTERRUPTED"),
    /** The scan, the restart or the scan after failed, or a container failed its restart or health check. */
    FAILED("FAILED"),
    /** Not reached: down, refused, timed out, host key unknown or changed, login refused. */
    UNREACHABLE("UNREACHABLE");

    private final String label;

    PatchVerdict(String label) {
        this.label = label;
    }

    /** As the report prints it: capitals for what needs attention. */
    public String label() {
        return label;
    }
}
