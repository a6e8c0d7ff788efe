package io.rootfleet.controller.playbook;

import io.rootfleet.model.ContainerSpec;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a container's pids limit leaves its services enough tasks. The host's systemd, as the container's init,
 * caps every service at 15% of the pids it may have (its DefaultTasksMax), so {@code pids: 200} leaves apache2 30
 * tasks, and apache2 exits at its first busy moment.
 */
final class ServiceTasks {
    static final int SYSTEMD_SHARE_PERCENT = 15;
    /** What a service is assumed to need when nothing more is known of it: a daemon with a few threads. */
    static final int ANY_SERVICE = 16;
    /**
     * Services known to need more. Debian's apache2 runs the event MPM: up to 150 workers in children of 25
     * threads, so 6 children of 27 tasks (the workers, a listener and the main thread), and the parent.
     */
    private static final Map<String, Need> KNOWN = Map.of(
            "apache2.service", new Need(6 * 27 + 1, "with Debian's event MPM, up to 6 processes of 27 threads"));

    private ServiceTasks() {}

    /** What to say of {@code spec}'s pids limit, if it is set too low for its services. */
    static Optional<String> advice(ContainerSpec spec) {
        if (!spec.usesHostInit() || spec.services().isEmpty() || spec.limits().pids().isEmpty()) {
            return Optional.empty();
        }
        int pids = spec.limits().pids().get();
        int share = pids * SYSTEMD_SHARE_PERCENT / 100;
        String neediest = spec.services().stream()
                .max(Comparator.comparingInt(ServiceTasks::need))
                .orElseThrow();
        int need = need(neediest);
        if (share >= need) {
            return Optional.empty();
        }
        int enough = (need * 100 + SYSTEMD_SHARE_PERCENT - 1) / SYSTEMD_SHARE_PERCENT;
        Need known = KNOWN.get(neediest);
        return Optional.of("pids " + pids + " leaves each service " + share + " tasks, since systemd in the container"
                + " limits every service to " + SYSTEMD_SHARE_PERCENT + "% of the container's pids; "
                + (known == null ? "a service is assumed to need " + ANY_SERVICE
                        : neediest + " needs about " + known.tasks() + " (" + known.why() + ")")
                + ". Raise pids to at least " + enough);
    }

    private static int need(String service) {
        Need known = KNOWN.get(service);
        return known == null ? ANY_SERVICE : known.tasks();
    }

    /** The tasks a service needs, and why. */
    private record Need(int tasks, String why) {}
}
