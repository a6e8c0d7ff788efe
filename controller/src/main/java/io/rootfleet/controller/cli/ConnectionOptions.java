package io.rootfleet.controller.cli;

import io.rootfleet.controller.playbook.Connection;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.push.ConnectOptions;
import io.rootfleet.controller.ssh.HostKeyPolicy;
import io.rootfleet.controller.ssh.SshConfig;
import io.rootfleet.controller.ssh.SshConfigException;
import io.rootfleet.controller.ssh.SshTargets;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options of every command that talks to hosts. */
final class ConnectionOptions {
    private static final Path DEFAULT_KNOWN_HOSTS = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    private static final int DEFAULT_CONNECT_TIMEOUT = 10;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file that pins host keys"
            + " (default: the ssh config's UserKnownHostsFile, else ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--trust-new-hosts", description = "Trust on first use: add unknown host keys to known_hosts."
            + " A changed key is refused all the same.")
    boolean trustNewHosts;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "SSH connect timeout (default: the ssh"
            + " config's ConnectTimeout, else " + DEFAULT_CONNECT_TIMEOUT + ").")
    Integer connectTimeout;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time the agent may take on a host (default: ${DEFAULT-VALUE}).")
    int timeout = 1800;

    @Option(names = "--forks", paramLabel = "N", description = "Hosts worked on at once (default: ${DEFAULT-VALUE}).")
    int forks = 100;

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "OpenSSH client config to read hosts from:"
            + " aliases, HostName, User, Port, IdentityFile, ProxyJump... (default: ~/.ssh/config if it exists;"
            + " 'none': no file). The playbook's settings win over it.")
    String sshConfig;

    private SshTargets targets;

    ConnectOptions toConnectOptions() {
        Optional<Path> localAgent = Optional.ofNullable(System.getProperty("rootfleet.checkout"))
                .map(dir -> Path.of(dir, "bin", "rootfleet-agent"))
                .filter(Files::isExecutable);
        HostKeyPolicy policy = trustNewHosts ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT;
        Duration connect = Duration.ofSeconds(connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout);
        return new ConnectOptions(knownHosts == null ? DEFAULT_KNOWN_HOSTS : knownHosts, policy, connect,
                Duration.ofSeconds(timeout), localAgent, targets());
    }

    /**
     * Before any host is contacted: works out every SSH host's target from the ssh config, so that a config that
     * cannot be used stops the run with nothing sent, and names once the options set for these hosts that
     * rootfleet does not honour.
     */
    void prepare(List<HostSpec> hosts, PrintWriter err) {
        SshTargets resolver = targets();
        Set<String> ignored = new LinkedHashSet<>();
        try {
            for (HostSpec host : hosts) {
                if (host.connection() == Connection.SSH) {
                    resolver.resolve(host.sshAlias(), host.port(), host.user(), List.of());
                    ignored.addAll(resolver.notHonoured(host.sshAlias()));
                }
            }
        } catch (SshConfigException e) {
            throw new InvalidInputException(Location.of("--ssh-config"), e.getMessage());
        }
        if (!ignored.isEmpty()) {
            err.println("rootfleet: not honoured in the ssh config, ignored: " + String.join(", ", ignored));
            err.flush();
        }
    }

    private SshTargets targets() {
        if (targets == null) {
            SshConfig config;
            try {
                config = SshTargets.config(Optional.ofNullable(sshConfig));
            } catch (SshConfigException e) {
                throw new InvalidInputException(Location.of("--ssh-config"), e.getMessage());
            }
            targets = SshTargets.forCurrentUser(config, Optional.ofNullable(knownHosts),
                    trustNewHosts ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT,
                    Optional.ofNullable(connectTimeout).map(Duration::ofSeconds), Duration.ofSeconds(timeout));
        }
        return targets;
    }
}
