package io.rootfleet.model.report;

import java.util.List;

/**
 * The outcome of a rolling restart ({@code rootfleet-agent restart}), the {@code restart} field of its
 * final {@code result} event.
 *
 * @param restarted containers stopped, started and found healthy
 * @param failed containers whose stop, start or health check failed
 * @param notRestarted containers left as they were because the rollout stopped at the failure limit
 * @param stoppedEarly true when the failure limit ended the rollout before every batch ran
 * @param failures what went wrong, one per failed container
 * @param interrupted true when the rollout was asked to stop (SIGTERM, SIGINT, or the controller closed its input)
 *     before every batch ran: the batch under way finished, the later ones are in {@code notRestarted}
 */
public record RestartSummary(
        List<String> restarted,
        List<String> failed,
        List<String> notRestarted,
        boolean stoppedEarly,
        List<ContainerFailure> failures,
        long millis,
        boolean interrupted) {

    /** A summary of a rollout that was not asked to stop. */
    public RestartSummary(List<String> restarted, List<String> failed, List<String> notRestarted, boolean stoppedEarly,
            List<ContainerFailure> failures, long millis) {
        this(restarted, failed, notRestarted, stoppedEarly, failures, millis, false);
    }

    public RestartSummary {
        restarted = Lists.orEmpty(restarted);
        failed = Lists.orEmpty(failed);
        notRestarted = Lists.orEmpty(notRestarted);
        failures = Lists.orEmpty(failures);
    }
}
