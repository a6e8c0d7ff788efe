package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Has a host's agent take away everything it set up for its home ({@code rootfleet-agent teardown --yes}):
 * containers and their data, the shared root and mask mounts, its hook and boot unit; with purge the home too.
 */
public final class AgentTeardown {
    private final HostConnector connector;
    private final boolean purge;
    private final Duration timeout;

    public AgentTeardown(HostConnector connector, boolean purge, Duration timeout) {
        this.connector = connector;
        this.purge = purge;
        this.timeout = timeout;
    }

    public HostOutcome tearDown(HostSpec host) {
        long start = System.nanoTime();
        List<String> argv = new ArrayList<>(List.of(connector.agentPath(host), "--home", host.agentHome().value(),
                "teardown", "--yes"));
        if (purge) {
            argv.add("--purge");
        }
        try (RemoteHost remote = connector.open(host)) {
            CommandResult result = remote.run(argv, timeout);
            if (!result.succeeded()) {
                return outcome(host, HostOutcome.Status.FAILED, "teardown failed (exit " + result.exitCode() + "): "
                        + (result.stderr() + result.stdout()).strip(), start);
            }
            return outcome(host, HostOutcome.Status.OK, String.join("; ", result.stdout().strip().lines().toList()), start);
        } catch (RemoteHostException e) {
            return outcome(host, HostOutcome.Status.of(e), e.getMessage(), start);
        }
    }

    private static HostOutcome outcome(HostSpec host, HostOutcome.Status status, String detail, long start) {
        return new HostOutcome(host.name(), status, List.of(), Optional.empty(), Optional.of(detail),
                (System.nanoTime() - start) / 1_000_000);
    }
}
