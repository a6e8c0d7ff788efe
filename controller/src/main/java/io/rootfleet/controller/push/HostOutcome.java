package io.rootfleet.controller.push;

import io.rootfleet.controller.ssh.AuthenticationException;
import io.rootfleet.controller.ssh.HostKeyException;
import io.rootfleet.controller.ssh.HostUnreachableException;
import io.rootfleet.controller.ssh.RemoteHostException;
import io.rootfleet.model.report.AgentEvent;
import java.util.List;
import java.util.Optional;

/**
 * What happened on one host.
 *
 * @param plan the agent's plan, when it got that far
 * @param summary the agent's result line, when it finished
 * @param error why the host failed as a whole (unreachable, host key, agent missing, invalid state...)
 */
public record HostOutcome(
        String host, Status status, List<AgentEvent.PlannedContainer> plan, Optional<AgentEvent.Summary> summary,
        Optional<String> error, long millis) {

    public enum Status {
        /** Converged (or, with --check, planned). */
        OK,
        /** Reached, but some container failed or the agent failed. */
        FAILED,
        /** Not reached: down, refused, timed out, host key unknown or changed, login refused. */
        UNREACHABLE;

        /** What a failure talking to a host means for that host. */
        public static Status of(RemoteHostException e) {
            return e instanceof HostUnreachableException || e instanceof HostKeyException || e instanceof AuthenticationException
                    ? UNREACHABLE
                    : FAILED;
        }
    }

    public HostOutcome {
        plan = List.copyOf(plan);
    }

    public int changed() {
        return summary.map(AgentEvent.Summary::changed).orElse(0);
    }
}
