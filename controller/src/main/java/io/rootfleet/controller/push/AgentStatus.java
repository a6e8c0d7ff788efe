package io.rootfleet.controller.push;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.LineListener;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostException;
import io.rootfleet.model.report.ContainerStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Asks one host's agent for the status of its containers ({@code status --json}). */
public final class AgentStatus {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HostConnector connector;
    private final Duration timeout;

    public AgentStatus(HostConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeout = timeout;
    }

    /** What a host reported, or why it could not. */
    public record HostStatus(String host, HostOutcome.Status status, List<ContainerStatus> containers, Optional<String> error) {}

    public HostStatus query(HostSpec host) {
        try (RemoteHost remote = connector.open(host)) {
            return query(remote, host);
        } catch (RemoteHostException e) {
            return new HostStatus(host.name(), HostOutcome.Status.of(e), List.of(), Optional.of(e.getMessage()));
        }
    }

    /** The same on a host already connected to. */
    public HostStatus query(RemoteHost remote, HostSpec host) {
        List<String> argv = List.of(connector.agentPath(host), "--home", host.agentHome().value(), "status", "--json");
        try {
            CommandResult result = remote.run(argv, new byte[0], timeout, LineListener.IGNORE);
            if (!result.succeeded()) {
                return new HostStatus(host.name(), HostOutcome.Status.FAILED, List.of(), Optional.of(
                        "the agent exited with status " + result.exitCode() + ": " + result.stderr().strip()));
            }
            JsonNode doc = JSON.readTree(result.stdout());
            List<ContainerStatus> containers = new ArrayList<>();
            for (JsonNode c : doc.path("containers")) {
                containers.add(JSON.treeToValue(c, ContainerStatus.class));
            }
            return new HostStatus(host.name(), HostOutcome.Status.OK, containers, Optional.empty());
        } catch (RemoteHostException e) {
            return new HostStatus(host.name(), HostOutcome.Status.of(e), List.of(), Optional.of(e.getMessage()));
        } catch (IOException e) {
            return new HostStatus(host.name(), HostOutcome.Status.FAILED, List.of(),
                    Optional.of("the agent's status is not valid JSON: " + e.getMessage()));
        }
    }
}
