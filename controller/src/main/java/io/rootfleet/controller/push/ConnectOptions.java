package io.rootfleet.controller.push;

import io.rootfleet.controller.ssh.HostKeyPolicy;
import io.rootfleet.controller.ssh.SshConfig;
import io.rootfleet.controller.ssh.SshTargets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the controller reaches hosts.
 *
 * @param localAgent the agent launcher to use for {@code connection: local} hosts whose agentPath is not
 *     installed (the one of the checkout the controller runs from)
 * @param targets how a host's SSH target is made: its ssh config and the command line's settings
 */
public record ConnectOptions(
        Path knownHosts, HostKeyPolicy hostKeyPolicy, Duration connectTimeout, Duration commandTimeout, Optional<Path> localAgent,
        SshTargets targets) {

    /** Without an ssh config: every setting as given here. */
    public ConnectOptions(
            Path knownHosts, HostKeyPolicy hostKeyPolicy, Duration connectTimeout, Duration commandTimeout, Optional<Path> localAgent) {
        this(knownHosts, hostKeyPolicy, connectTimeout, commandTimeout, localAgent, SshTargets.forCurrentUser(SshConfig.NONE,
                Optional.of(knownHosts), hostKeyPolicy, Optional.of(connectTimeout), commandTimeout));
    }
}
