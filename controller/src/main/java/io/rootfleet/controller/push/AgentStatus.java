package io.rootfleet.controller.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.RemoteHost;
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

    /** What a host reported, or why it could not. */
    public record HostStatus(String host, HostOutcome.Status status, List<ContainerStatus> containers, Optional<String> error) {
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

    private static final class Output extends AgentOutput<HostStatus> {
        @Override
        protected HostStatus finished(String host, CommandResult result, long millis) {
            if (!result.succeeded()) {
                return HostStatus.failed(host, HostOutcome.Status.FAILED, failure(result));
            }
            try {
                List<ContainerStatus> containers = new ArrayList<>();
                for (JsonNode c : JSON.readTree(result.stdout()).path("containers")) {
                    containers.add(JSON.treeToValue(c, ContainerStatus.class));
                }
                return new HostStatus(host, HostOutcome.Status.OK, containers, Optional.empty());
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
