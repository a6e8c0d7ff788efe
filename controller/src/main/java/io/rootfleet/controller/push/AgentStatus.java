package io.rootfleet.controller.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.ContainerStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Asks one host's agent for the status of its containers ({@code status --json}). */
public final class AgentStatus {
    private final AgentCall agent;
    private final List<String> args;

    public AgentStatus(HostConnector connector, Duration timeout) {
        this(connector, timeout, false);
    }

    /** @param checkHealth whether the agent runs its containers' health checks now ({@code status --health}) */
    public AgentStatus(HostConnector connector, Duration timeout, boolean checkHealth) {
        this.agent = new AgentCall(connector, timeout);
        this.args = checkHealth ? List.of("status", "--json", "--health") : List.of("status", "--json");
    }

    public List<String> argv(HostSpec host) {
        return agent.argv(host, args);
    }

    /**
     * What a host reported, or why it could not.
     *
     * @param plan with {@link #queryWithPlan}: what an apply of the desired state would do there, as apply --check
     *     plans it
     */
    public record HostStatus(String host, HostOutcome.Status status, List<ContainerStatus> containers, Optional<String> error,
            Optional<List<AgentEvent.PlannedContainer>> plan) {
        public HostStatus(String host, HostOutcome.Status status, List<ContainerStatus> containers, Optional<String> error) {
            this(host, status, containers, error, Optional.empty());
        }

        public static HostStatus failed(String host, HostOutcome.Status status, String why) {
            return new HostStatus(host, status, List.of(), Optional.of(why));
        }
    }

    public HostStatus query(HostSpec host) {
        return agent.run(host, args, new byte[0], new Output());
    }

    /** The same on a host already connected to. */
    public HostStatus query(RemoteHost remote, HostSpec host) {
        return agent.run(remote, host, args, new byte[0], new Output());
    }

    /**
     * The status with the plan that would bring the host to {@code desired}, in one agent run ({@code status --json
     * --plan -}); empty when the agent refused that as invalid input (exit 2): an agent older than {@code --plan}, or a
     * desired state it rejects, which {@code apply --check} then reports as it does.
     */
    public Optional<HostStatus> queryWithPlan(RemoteHost remote, HostSpec host, DesiredState desired) {
        List<String> withPlan = new ArrayList<>(args);
        withPlan.addAll(List.of("--plan", "-"));
        Output output = new Output();
        HostStatus status = agent.run(remote, host, withPlan, AgentRun.stdin(desired), output);
        return output.invalidInput ? Optional.empty() : Optional.of(status);
    }

    private static final class Output extends AgentOutput<HostStatus> {
        private boolean invalidInput;

        @Override
        protected HostStatus finished(String host, CommandResult result, long millis) {
            if (!result.succeeded()) {
                invalidInput = result.exitCode() == ExitStatus.INVALID_INPUT.code();
                return HostStatus.failed(host, HostOutcome.Status.FAILED, failure(result));
            }
            try {
                JsonNode doc = JSON.readTree(result.stdout());
                List<ContainerStatus> containers = new ArrayList<>();
                for (JsonNode c : doc.path("containers")) {
                    containers.add(JSON.treeToValue(c, ContainerStatus.class));
                }
                Optional<List<AgentEvent.PlannedContainer>> plan = Optional.empty();
                if (doc.path("plan").isArray()) {
                    List<AgentEvent.PlannedContainer> planned = new ArrayList<>();
                    for (JsonNode c : doc.path("plan")) {
                        planned.add(JSON.treeToValue(c, AgentEvent.PlannedContainer.class));
                    }
                    plan = Optional.of(planned);
                }
                return new HostStatus(host, HostOutcome.Status.OK, containers, Optional.empty(), plan);
            } catch (IOException e) {
                return HostStatus.failed(host, HostOutcome.Status.FAILED, "the agent's status is not valid JSON: " + e.getMessage());
            }
        }

        @Override
        protected HostStatus failed(String host, HostOutcome.Status status, String why, long millis) {
            return HostStatus.failed(host, status, why);
        }
    }
}
