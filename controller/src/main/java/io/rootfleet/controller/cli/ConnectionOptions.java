package io.rootfleet.controller.cli;

import io.rootfleet.controller.push.ConnectOptions;
import io.rootfleet.controller.ssh.HostKeyPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of every command that talks to hosts. */
final class ConnectionOptions {
    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file that pins host keys"
            + " (default: ~/.ssh/known_hosts).")
    Path knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");

    @Option(names = "--trust-new-hosts", description = "Trust on first use: add unknown host keys to known_hosts."
            + " A changed key is refused all the same.")
    boolean trustNewHosts;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "SSH connect timeout (default: ${DEFAULT-VALUE}).")
    int connectTimeout = 10;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time the agent may take on a host (default: ${DEFAULT-VALUE}).")
    int timeout = 1800;

    @Option(names = "--forks", paramLabel = "N", description = "Hosts worked on at once (default: ${DEFAULT-VALUE}).")
    int forks = 100;

    ConnectOptions toConnectOptions() {
        Optional<Path> localAgent = Optional.ofNullable(System.getProperty("rootfleet.checkout"))
                .map(dir -> Path.of(dir, "bin", "rootfleet-agent"))
                .filter(Files::isExecutable);
        return new ConnectOptions(knownHosts, trustNewHosts ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT,
                Duration.ofSeconds(connectTimeout), Duration.ofSeconds(timeout), localAgent);
    }
}
