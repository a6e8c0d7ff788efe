package io.rootfleet.agent.state;

import java.util.Locale;

/**
 * The result of a container's last health check, as apply, reconcile, restart and {@code status --health}
 * leave it for {@code status}.
 *
 * @param initPid the PID of the container's init when it was checked: a result is about that run of the container
 *     only, so one from before a restart does not count
 * @param checkedAt when it was checked, ISO-8601
 * @param detail why it is unhealthy; null otherwise
 */
public record HealthRecord(Health health, int initPid, String checkedAt, String detail) {

    /** What the last check said. */
    public enum Health {
        /** It passed. */
        HEALTHY,
        /** It did not pass. */
        UNHEALTHY,
        /** A check is under way (or was interrupted). */
        STARTING;

        /** As status shows it: healthy, unhealthy, starting. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
