package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshTargetTest {
    private final SshTarget target = SshTarget.of("web-01.example.org");

    @Test
    void of_appliesDefaults() {
        assertThat(target.port()).isEqualTo(22);
        assertThat(target.user()).isEqualTo("root");
        assertThat(target.identityFiles()).isEmpty();
        assertThat(target.knownHosts()).isEqualTo(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        assertThat(target.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(target.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(target.commandTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(target).hasToString("root@web-01.example.org:22");
    }

    @Test
    void names_followOpenSshConventions() {
        assertThat(SshTarget.of("10.0.0.5").knownHostsName()).isEqualTo("10.0.0.5");
        assertThat(SshTarget.of("10.0.0.5").withPort(2222).knownHostsName()).isEqualTo("[10.0.0.5]:2222");
        assertThat(SshTarget.of("::1").withPort(2222).hostAndPort()).isEqualTo("[::1]:2222");
        assertThat(SshTarget.of("fe80::1").knownHostsName()).isEqualTo("fe80::1");
    }

    @Test
    void identityFiles_areCopied() {
        List<Path> files = new java.util.ArrayList<>(List.of(Path.of("/k")));
        SshTarget withFiles = target.withIdentityFiles(files);
        files.clear();

        assertThat(withFiles.identityFiles()).containsExactly(Path.of("/k"));
    }

    @Test
    void address_isValidated() {
        assertThatThrownBy(() -> SshTarget.of(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SSH host address is empty; give a host name or IP address (e.g. web-01.example.org or"
                        + " 10.0.0.5)");
        assertThatThrownBy(() -> SshTarget.of("root@web-01"))
                .hasMessage("SSH host address 'root@web-01' is not a host name or IP address; give the user"
                        + " separately, not as user@host");
        assertThatThrownBy(() -> SshTarget.of("web-01:2222"))
                .hasMessage("SSH host address 'web-01:2222' is not a host name or IP address; give the port"
                        + " separately, not as host:port");
        assertThatThrownBy(() -> SshTarget.of("web_01\n"))
                .hasMessage("SSH host address 'web_01?' is not a host name or IP address; use a host name of"
                        + " letters, digits, '-' and '.', or an IP address");
        assertThatThrownBy(() -> SshTarget.of("-oProxyCommand=x"))
                .hasMessageStartingWith("SSH host address '-oProxyCommand=x' is not a host name or IP address");
    }

    @Test
    void port_isValidated() {
        assertThatThrownBy(() -> target.withPort(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SSH port 0 is out of range; use 1 to 65535");
        assertThatThrownBy(() -> target.withPort(65536)).hasMessage("SSH port 65536 is out of range; use 1 to 65535");
    }

    @Test
    void user_isValidated() {
        assertThat(target.withUser("deploy.bot-1").user()).isEqualTo("deploy.bot-1");
        assertThatThrownBy(() -> target.withUser("-oops"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SSH user '-oops' is not a valid user name; use up to 32 letters, digits, '_', '.' and"
                        + " '-', not starting with '.' or '-' (e.g. root)");
        assertThatThrownBy(() -> target.withUser("a b")).hasMessageStartingWith("SSH user 'a b' is not a valid");
        assertThatThrownBy(() -> target.withUser("")).hasMessageStartingWith("SSH user '' is not a valid");
    }

    @Test
    void timeouts_areValidated() {
        assertThatThrownBy(() -> target.withConnectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connect timeout must be longer than zero, got 0s");
        assertThatThrownBy(() -> target.withCommandTimeout(Duration.ofMillis(-1500)))
                .hasMessage("command timeout must be longer than zero, got -1.5s");
        assertThatThrownBy(() -> target.withCommandTimeout(Duration.ofDays(2)))
                .hasMessage("command timeout 48h is longer than a day");
    }

    @Test
    void requiredParts_mustNotBeNull() {
        assertThatThrownBy(() -> target.withKnownHosts(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("knownHosts");
        assertThatThrownBy(() -> target.withHostKeyPolicy(null)).hasMessage("hostKeyPolicy");
    }
}
