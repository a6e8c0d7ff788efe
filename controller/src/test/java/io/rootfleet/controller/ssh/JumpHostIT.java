package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ProxyJump against real OpenSSH sshd servers. The target listens on a loopback address inside a network
 * namespace of its own, so only a process inside it can connect: the inner jump host, an sshd in that namespace
 * that this machine reaches over a veth pair. The outer jump host is a plain harness host on 127.0.0.x. Every
 * hop's host key is pinned in one known_hosts file that the ssh config names.
 */
class JumpHostIT {
    @RegisterExtension
    final SshdExtension sshd = new SshdExtension(1);

    private static final String TARGET_ADDRESS = "127.0.0.77";
    private static final int PORT = 2222;

    private JumpNetwork network;
    private SshdHost inner;
    private SshdHost target;
    private Path knownHosts;
    private SshTargets targets;

    @BeforeEach
    void startHosts() throws IOException {
        SshdHarness harness = sshd.harness();
        network = JumpNetwork.create();
        Path authorizedKeys = harness.clientKey().resolveSibling("authorized_keys");
        inner = new SshdHost(network.inside(), PORT, harness.newDirectory("inner"), authorizedKeys, network.launchPrefix());
        inner.allowTcpForwarding();
        inner.start();
        LocalCommand.run(List.of("ip", "netns", "exec", network.launchPrefix().get(3), "ip", "addr", "add",
                TARGET_ADDRESS + "/8", "dev", "lo"));
        target = new SshdHost(TARGET_ADDRESS, PORT, harness.newDirectory("target"), authorizedKeys, network.launchPrefix());
        target.start();
        SshdHost outer = harness.host(0);
        outer.allowTcpForwarding();
        knownHosts = harness.newDirectory("pins").resolve("known_hosts");
        Files.write(knownHosts, List.of(outer.knownHostsLine(), inner.knownHostsLine(), target.knownHostsLine()));
        Path config = harness.newDirectory("config").resolve("ssh_config");
        Files.writeString(config, """
                Host target
                    HostName %s
                    Port %d
                    ProxyJump inner
                Host chained
                    HostName %s
                    Port %d
                    ProxyJump outer,inner
                Host direct
                    HostName %s
                    Port %d
                Host inner
                    HostName %s
                    Port %d
                Host outer
                    HostName %s
                    Port %d
                Host *
                    User %s
                    IdentityFile %s
                    IdentitiesOnly yes
                    UserKnownHostsFile %s
                    ConnectTimeout 5
                """.formatted(TARGET_ADDRESS, PORT, TARGET_ADDRESS, PORT, TARGET_ADDRESS, PORT, network.inside(), PORT,
                outer.address(), outer.port(), harness.user(), harness.clientKey(), knownHosts));
        targets = SshTargets.forCurrentUser(SshConfig.readIfExists(config), Optional.empty(), HostKeyPolicy.STRICT,
                Optional.empty(), Duration.ofSeconds(30));
    }

    @AfterEach
    void stopHosts() {
        if (target != null) {
            target.stop();
        }
        if (inner != null) {
            inner.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    private SshTarget resolve(String alias) {
        return targets.resolve(alias, OptionalInt.empty(), Optional.empty(), List.of());
    }

    @Test
    void theTargetCannotBeReachedDirectly() {
        assertThatThrownBy(() -> new SshClient(Optional.empty(), Path.of("/nonexistent")).connect(resolve("direct")))
                .isInstanceOf(HostUnreachableException.class);
        assertThat(target.logins()).isZero();
    }

    @Test
    void connect_throughOneJumpHost() {
        try (SshSession session = new SshClient(Optional.empty(), Path.of("/nonexistent")).connect(resolve("target"))) {
            CommandResult result = session.run(List.of("sh", "-c", "echo \"$SSH_CONNECTION\""), Duration.ofSeconds(10));

            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).as("the target sees the connection come from inside its namespace")
                    .endsWith(TARGET_ADDRESS + " " + PORT + "\n");
        }
        assertThat(inner.logins()).isEqualTo(1);
        assertThat(target.logins()).isEqualTo(1);
    }

    @Test
    void connect_throughAChainOfTwoJumpHosts() {
        SshdHost outer = sshd.harness().host(0);
        SshTarget chained = resolve("chained");
        assertThat(chained.toString()).endsWith(" via " + sshd.harness().user() + "@" + inner.address() + ":" + PORT
                + " via " + sshd.harness().user() + "@" + outer.address() + ":" + outer.port());

        try (SshSession session = new SshClient(Optional.empty(), Path.of("/nonexistent")).connect(chained)) {
            assertThat(session.run(List.of("true"), Duration.ofSeconds(10)).exitCode()).isZero();
        }
        assertThat(outer.logins()).isEqualTo(1);
        assertThat(inner.log()).as("the inner jump host is reached from the outer one, over the veth pair")
                .contains("Connection from " + network.hostSide());
        assertThat(target.logins()).isEqualTo(1);
    }

    @Test
    void connect_refusesAJumpHostWhoseKeyChanged() {
        inner.regenerateHostKey();

        assertThatThrownBy(() -> new SshClient(Optional.empty(), Path.of("/nonexistent")).connect(resolve("target")))
                .isInstanceOf(ChangedHostKeyException.class)
                .hasMessageContaining("host key of " + inner.address() + ":" + PORT + " has CHANGED");
        assertThat(target.logins()).as("nothing goes past a jump host that is not verified").isZero();
    }

    @Test
    void connect_throughAJumpHostThatCannotReachTheTarget() {
        target.stop();

        assertThatThrownBy(() -> new SshClient(Optional.empty(), Path.of("/nonexistent")).connect(resolve("target")))
                .isInstanceOf(HostUnreachableException.class)
                .hasMessageContaining("through the jump host " + inner.address() + ":" + PORT);
    }
}
