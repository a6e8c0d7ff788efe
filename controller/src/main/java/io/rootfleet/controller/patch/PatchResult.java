package io.rootfleet.controller.patch;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The end of {@code rootfleet patch}: every host's path through it, in playbook order, where the rollout stopped
 * if it did, and how its canary phase went (with {@code --canary}).
 */
public record PatchResult(List<HostPatch> hosts, boolean check, Optional<Stop> stop, Optional<CanaryPhase> canary) {

    public PatchResult {
        hosts = List.copyOf(hosts);
    }

    public PatchResult(List<HostPatch> hosts, boolean check, Optional<Stop> stop) {
        this(hosts, check, stop, Optional.empty());
    }

    /** The campaign was asked to stop (SIGINT, SIGTERM) and left something undone: hosts, or containers on a host. */
    public boolean interrupted() {
        return stop.map(s -> s.reason() == Reason.INTERRUPTED).orElse(false)
                || hosts.stream().anyMatch(h -> h.verdict() == PatchVerdict.INTERRUPTED);
    }

    public boolean canaryFailed() {
        return stop.map(s -> s.reason() == Reason.CANARY_FAILED).orElse(false);
    }

    /** Why a campaign ended before every host with stale containers was restarted. */
    public enum Reason {
        /** More hosts failed than --max-fail-percentage allows. */
        FAILURE_LIMIT,
        /** A canary host failed its restart or its health while soaking. */
        CANARY_FAILED,
        /** Asked to stop: Ctrl-C (SIGINT) or SIGTERM. */
        INTERRUPTED
    }

    /**
     * Where and why the rollout stopped.
     *
     * @param batch the host batch after which it stopped (1-based; 0: before the first), of {@code batches}
     * @param failed hosts that failed so far, out of {@code done} hosts restarted so far
     * @param notTouched hosts with stale containers it did not reach
     * @param detail what failed, for a canary; what asked to stop (SIGINT, SIGTERM), when interrupted
     */
    public record Stop(Reason reason, int batch, int batches, int failed, int done, FailureLimit limit, List<String> notTouched,
            Optional<String> detail) {
        public Stop {
            notTouched = List.copyOf(notTouched);
        }

        /** A stop at the failure limit. */
        public Stop(int batch, int batches, int failed, int done, FailureLimit limit, List<String> notTouched) {
            this(Reason.FAILURE_LIMIT, batch, batches, failed, done, limit, notTouched, Optional.empty());
        }
    }

    /** The canary phase of a campaign run with {@code --canary}, when it had canary hosts to restart. */
    public record CanaryPhase(List<String> hosts, long restartMillis, long soakMillis, int checks, Optional<String> failure) {
        public CanaryPhase {
            hosts = List.copyOf(hosts);
        }

        public boolean passed() {
            return failure.isEmpty();
        }
    }

    /** Hosts whose first scan worked: the hosts the before and after counts are about. */
    public int hostsScanned() {
        return (int) hosts.stream().filter(h -> h.staleBefore().isPresent()).count();
    }

    public int staleBefore() {
        return hosts.stream().map(HostPatch::staleBefore).filter(OptionalInt::isPresent).mapToInt(OptionalInt::getAsInt).sum();
    }

    /** Stale containers left on the hosts whose count is known now. */
    public int staleAfter() {
        return hosts.stream().map(HostPatch::staleAfter).filter(OptionalInt::isPresent).mapToInt(OptionalInt::getAsInt).sum();
    }

    /** Hosts scanned before but whose count is unknown now (restarted, then the scan after failed). */
    public List<String> notRescanned() {
        return hosts.stream().filter(h -> h.staleBefore().isPresent() && h.staleAfter().isEmpty()).map(HostPatch::host).toList();
    }

    public long count(PatchVerdict verdict) {
        return hosts.stream().filter(h -> h.verdict() == verdict).count();
    }

    public int restarted() {
        return hosts.stream().mapToInt(h -> h.restart().map(r -> r.restarted()).orElse(0)).sum();
    }

    public int failedContainers() {
        return hosts.stream().mapToInt(h -> h.restart().map(r -> r.failedContainers()).orElse(0)).sum();
    }
}
