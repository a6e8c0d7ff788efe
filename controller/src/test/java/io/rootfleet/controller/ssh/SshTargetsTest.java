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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshTargetsTest {
    @TempDir
    Path home;

    private SshTargets targets(String config) {
        return targets(config, Optional.empty(), Optional.empty());
    }

    private SshTargets targets(String config, Optional<Path> knownHosts, Optional<Duration> connectTimeout) {
        return new SshTargets(SshConfig.parse(config, "config"), knownHosts, HostKeyPolicy.STRICT, connectTimeout,
                Duration.ofMinutes(1), home, "operator");
    }

    @Test
    void resolve_aliasConnectsAsSshWould() throws IOException {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/web"), "not read here");
        SshTarget target = targets("""
                Host web-a
                    HostName 192.0.2.11
                    Port 2222
                    User deploy
                    IdentityFile ~/.ssh/web
                    IdentityFile ~/.ssh/missing
                    IdentitiesOnly yes
                    ConnectTimeout 3
                    UserKnownHostsFile %d/.ssh/fleet_hosts
                    ServerAliveInterval 0
                """).resolve("web-a", OptionalInt.empty(), Optional.empty(), List.of());

        assertThat(target.address()).isEqualTo("192.0.2.11");
        assertThat(target.port()).isEqualTo(2222);
        assertThat(target.user()).isEqualTo("deploy");
        assertThat(target.identityFiles()).as("a missing IdentityFile is skipped, as ssh does")
                .containsExactly(home.resolve(".ssh/web"));
        assertThat(target.identitiesOnly()).isTrue();
        assertThat(target.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(target.knownHosts()).isEqualTo(home.resolve(".ssh/fleet_hosts"));
        assertThat(target.keepAlive()).isZero();
        assertThat(target.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(target.via()).isEmpty();
    }

    @Test
    void resolve_whatTheCallerGivesWinsOverTheConfig() {
        SshTargets resolver = targets("Host *\n  Port 2222\n  User deploy\n  IdentityFile /k\n  ConnectTimeout 3\n"
                        + "  UserKnownHostsFile /kh\n  StrictHostKeyChecking no\n",
                Optional.of(Path.of("/given_known_hosts")), Optional.of(Duration.ofSeconds(7)));

        SshTarget target = resolver.resolve("10.0.0.5", OptionalInt.of(22), Optional.of("root"), List.of(Path.of("/mine")));

        assertThat(target).hasToString("root@10.0.0.5:22");
        assertThat(target.identityFiles()).containsExactly(Path.of("/mine"));
        assertThat(target.identitiesOnly()).isTrue();
        assertThat(target.knownHosts()).isEqualTo(Path.of("/given_known_hosts"));
        assertThat(target.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(target.hostKeyPolicy()).as("no ssh config weakens host key checking").isEqualTo(HostKeyPolicy.STRICT);
    }

    @Test
    void resolve_withoutConfigUsesRootfleetDefaults() {
        SshTarget target = targets("").resolve("web-a", OptionalInt.empty(), Optional.empty(), List.of());

        assertThat(target).hasToString("root@web-a:22");
        assertThat(target.identityFiles()).isEmpty();
        assertThat(target.knownHosts()).isEqualTo(home.resolve(".ssh/known_hosts"));
        assertThat(target.connectTimeout()).isEqualTo(SshTarget.DEFAULT_CONNECT_TIMEOUT);
        assertThat(target.keepAlive()).isEqualTo(SshTarget.DEFAULT_KEEPALIVE);
    }

    @Test
    void resolve_proxyJumpChainsHopsEachWithItsOwnConfig() {
        SshTargets resolver = targets("""
                Host app
                    HostName 10.1.0.5
                    ProxyJump inner,jumper@outer:2200
                Host inner
                    HostName 10.0.0.2
                    User ops
                    ProxyJump ignored-for-a-first-hop-only
                Host outer
                    HostName 192.0.2.1
                    ProxyJump none
                Host ignored-for-a-first-hop-only
                    HostName 192.0.2.99
                """);

        SshTarget app = resolver.resolve("app", OptionalInt.empty(), Optional.empty(), List.of());

        assertThat(app).hasToString("root@10.1.0.5:22 via jumper@192.0.2.1:2200 via ops@10.0.0.2:22 via root@192.0.2.99:22");
    }

    @Test
    void resolve_refusesJumpHostsThatJumpThroughEachOther() {
        SshTargets resolver = targets("Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n");

        assertThatThrownBy(() -> resolver.resolve("a", OptionalInt.empty(), Optional.empty(), List.of()))
                .isInstanceOf(SshConfigException.class)
                .hasMessageContaining("more than 8 jump hosts lead to");
    }

    @Test
    void resolve_aHostNameThatIsNoHostIsAConfigError() {
        assertThatThrownBy(() -> targets("Host a\n  HostName bad_name\n")
                        .resolve("a", OptionalInt.empty(), Optional.empty(), List.of()))
                .isInstanceOf(SshConfigException.class)
                .hasMessageStartingWith("config: host a: SSH host address 'bad_name' is not a host name or IP address");
    }

    @Test
    void notHonoured_coversTheJumpHostsToo() {
        SshTargets resolver = targets("Host a\n  ProxyJump b\n  ControlMaster auto\nHost b\n  ForwardAgent yes\n");

        assertThat(resolver.notHonoured("a")).containsExactly("ControlMaster (config:3)", "ForwardAgent (config:5)");
    }

    @Test
    void expand_tokens() {
        assertThat(targets("").expand("~/.ssh/%r@%h:%p-%n-%u-%%-%x", "h.example", "h", "deploy", 22))
                .isEqualTo(home + "/.ssh/deploy@h.example:22-h-operator-%-%x");
    }
}
