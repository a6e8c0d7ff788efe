package io.rootfleet.controller.patch;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The end of {@code rootfleet patch}: every host's path through it, in playbook order, and where the rollout
 * stopped if it did.
 */
public record PatchResult(List<HostPatch> hosts, boolean check, Optional<Stop> stop) {

    public PatchResult {
        hosts = List.copyOf(hosts);
    }

    /**
     * The rollout stopped at the failure limit.
     *
     * @param batch the host batch after which it stopped (1-based), of {@code batches}
     * @param failed hosts that failed so far, out of {@code done} hosts restarted so far
     * @param notTouched hosts with stale containers it did not reach
     */
    public record Stop(int batch, int batches, int failed, int done, FailureLimit limit, List<String> notTouched) {
        public Stop {
            notTouched = List.copyOf(notTouched);
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
