package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.Connection;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.SshClient;
import io.rootfleet.controller.ssh.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Opens the connection to a playbook host: SSH, or this machine for {@code connection: local}. */
public final class HostConnector {
    private final SshClient ssh;
    private final ConnectOptions options;

    public HostConnector(SshClient ssh, ConnectOptions options) {
        this.ssh = ssh;
        this.options = options;
    }

    public RemoteHost open(HostSpec host) {
        if (host.connection() == Connection.LOCAL) {
            return new LocalHost(host.name());
        }
        return ssh.connect(target(host));
    }

    /** The agent launcher to run on a host. */
    public String agentPath(HostSpec host) {
        String configured = host.agentPath().value();
        if (host.connection() == Connection.LOCAL && !Files.isExecutable(Path.of(configured)) && options.localAgent().isPresent()) {
            return options.localAgent().get().toString();
        }
        return configured;
    }

    /** Where bootstrap installs the agent launcher: always the configured path, never the checkout's. */
    public String installPath(HostSpec host) {
        return host.agentPath().value();
    }

    /** As {@code ssh ALIAS} would reach the host: what the playbook gives, then the ssh config. */
    SshTarget target(HostSpec host) {
        List<Path> identities = host.identityFile()
                .map(file -> file.startsWith("~/") ? Path.of(System.getProperty("user.home"), file.substring(2)) : Path.of(file))
                .map(List::of)
                .orElse(List.of());
        return options.targets().resolve(host.sshAlias(), host.port(), host.user(), identities);
    }
}
