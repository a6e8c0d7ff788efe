package io.rootfleet.controller.patch;

import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;

/**
 * When a fleet rollout stops, as Ansible's {@code max_fail_percentage} says it: after a batch of hosts, when
 * more than {@code maxPercent} of the hosts worked on so far failed. 0 stops at the first failed host; 100
 * never stops.
 */
public record FailureLimit(int maxPercent) {

    public FailureLimit {
        if (maxPercent < 0 || maxPercent > 100) {
            throw new IllegalArgumentException("a failure percentage is between 0 and 100, not " + maxPercent);
        }
    }

    /** @throws InvalidInputException naming {@code option} when the percentage is not 0 to 100 */
    public static FailureLimit of(int maxPercent, String option) {
        if (maxPercent < 0 || maxPercent > 100) {
            throw new InvalidInputException(Location.of(option), maxPercent + " is not a percentage; give 0 (stop at the"
                    + " first failed host, the default) to 100 (never stop)");
        }
        return new FailureLimit(maxPercent);
    }

    /** Whether {@code failed} out of {@code done} hosts is more than the limit allows. */
    public boolean exceeded(int failed, int done) {
        return done > 0 && (long) failed * 100 > (long) maxPercent * done;
    }
}
