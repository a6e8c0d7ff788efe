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
 * @param held containers left out because they (or the whole host) are held: "held, not restarted"; an older
 *     agent leaves it out, which reads as none
 * @param interrupted true when the rollout was asked to stop (SIGTERM, SIGINT, or the controller closed its input)
 *     before every batch ran: the batch under way finished, the later ones are in {@code notRestarted}; an older
 *     agent leaves it out, which reads as false
 */
public record RestartSummary(
        List<String> restarted,
        List<String> failed,
        List<String> notRestarted,
        boolean stoppedEarly,
        List<ContainerFailure> failures,
        long millis,
        List<HeldContainer> held,
        boolean interrupted) {

    public RestartSummary {
        restarted = Lists.orEmpty(restarted);
        failed = Lists.orEmpty(failed);
        notRestarted = Lists.orEmpty(notRestarted);
        failures = Lists.orEmpty(failures);
        held = Lists.orEmpty(held);
    }

    /** A summary with nothing held. */
    public RestartSummary(List<String> restarted, List<String> failed, List<String> notRestarted, boolean stoppedEarly,
            List<ContainerFailure> failures, long millis) {
        this(restarted, failed, notRestarted, stoppedEarly, failures, millis, List.of(), false);
    }

    /** A summary of a rollout that was not asked to stop. */
    public RestartSummary(List<String> restarted, List<String> failed, List<String> notRestarted, boolean stoppedEarly,
            List<ContainerFailure> failures, long millis, List<HeldContainer> held) {
        this(restarted, failed, notRestarted, stoppedEarly, failures, millis, held, false);
    }

    /** The names of the held containers left alone. */
    public List<String> heldNames() {
        return held.stream().map(HeldContainer::container).toList();
    }
}
