package io.rootfleet.controller.push;

import io.rootfleet.controller.ssh.HostKeyPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the controller reaches hosts.
 *
 * @param localAgent the agent launcher to use for {@code connection: local} hosts whose agentPath is not
 *     installed (the one of the checkout the controller runs from)
 */
public record ConnectOptions(
        Path knownHosts, HostKeyPolicy hostKeyPolicy, Duration connectTimeout, Duration commandTimeout, Optional<Path> localAgent) {}
