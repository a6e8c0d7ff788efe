package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class HostKeyIT {
    @RegisterExtension
    final SshdExtension sshd = new SshdExtension(1);

    @TempDir(factory = ScratchDirectories.class)
    Path scratch;

    private final SshClient client = new SshClient();

    @Test
    void strict_refusesUnknownHostKeyAndSaysHowToAddIt() {
        SshdHost host = sshd.harness().host(0);
        Path knownHosts = scratch.resolve("known_hosts");

        assertThatThrownBy(() -> client.connect(sshd.harness().target(0).withKnownHosts(knownHosts)))
                .isInstanceOf(UnknownHostKeyException.class)
                .hasMessage("host key of " + host.address() + ":" + host.port() + " is not in " + knownHosts
                        + " (it presented ssh-ed25519 key " + host.hostKeyFingerprint() + "); verify it and add it"
                        + " (ssh-keyscan -p " + host.port() + " " + host.address() + " >> " + knownHosts + "),"
                        + " or run with --trust-new-hosts");
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void acceptNew_pinsUnknownKeyThenStrictConnectsWithIt() throws IOException {
        SshdHost host = sshd.harness().host(0);
        Path knownHosts = scratch.resolve("new-dir/known_hosts");
        SshTarget target = sshd.harness().target(0).withKnownHosts(knownHosts);

        try (SshSession session = client.connect(target.withHostKeyPolicy(HostKeyPolicy.ACCEPT_NEW))) {
            assertThat(session.run(List.of("echo", "first"), Duration.ofSeconds(5)).stdout()).isEqualTo("first\n");
        }
        assertThat(Files.readString(knownHosts)).isEqualTo(host.knownHostsLine() + "\n");

        try (SshSession session = client.connect(target)) {
            assertThat(session.run(List.of("echo", "second"), Duration.ofSeconds(5)).stdout())
                    .isEqualTo("second\n");
        }
    }

    @Test
    void acceptNew_keepsOtherEntriesEvenWithoutFinalNewline() throws IOException {
        SshdHost host = sshd.harness().host(0);
        Path knownHosts = scratch.resolve("known_hosts");
        String other = "other.example.org ssh-ed25519"
                + " AAAAC3NzaC1lZDI1NTE5AAAAIHlXGDsTRaJQf54fyD7ajVwR5AVUyWOd1gdN1ORB0gE0";
        Files.writeString(knownHosts, other);

        client.connect(sshd.harness().target(0).withKnownHosts(knownHosts).withHostKeyPolicy(HostKeyPolicy.ACCEPT_NEW))
                .close();

        assertThat(Files.readAllLines(knownHosts)).containsExactly(other, host.knownHostsLine());
    }

    @Test
    void changedHostKey_isRefusedEvenWithAcceptNew() throws IOException {
        SshdHost host = sshd.harness().host(0);
        Path knownHosts = sshd.harness().knownHosts();
        String pinned = host.hostKeyFingerprint();
        host.regenerateHostKey();
        String presented = host.hostKeyFingerprint();
        byte[] before = Files.readAllBytes(knownHosts);
        String expected = "host key of " + host.address() + ":" + host.port() + " has CHANGED: " + knownHosts
                + " pins ssh-ed25519 key " + pinned + " but the host presented " + presented + ". This is a possible"
                + " man-in-the-middle attack, or the host was reinstalled; refusing to connect (--trust-new-hosts"
                + " does not override this). If you have verified the new key, remove the old one (ssh-keygen -R"
                + " '[" + host.address() + "]:" + host.port() + "' -f " + knownHosts + ") and connect again";

        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            assertThatThrownBy(() -> client.connect(sshd.harness().target(0).withHostKeyPolicy(policy)))
                    .as("policy %s", policy)
                    .isInstanceOf(ChangedHostKeyException.class)
                    .hasMessage(expected);
        }
        assertThat(Files.readAllBytes(knownHosts)).isEqualTo(before);
    }

    @Test
    void hashedKnownHostsEntries_areUnderstood() throws IOException {
        Path knownHosts = scratch.resolve("known_hosts");
        Files.copy(sshd.harness().knownHosts(), knownHosts);
        LocalCommand.run(List.of("ssh-keygen", "-q", "-H", "-f", knownHosts.toString()));
        assertThat(Files.readString(knownHosts)).startsWith("|1|");

        try (SshSession session = client.connect(sshd.harness().target(0).withKnownHosts(knownHosts))) {
            assertThat(session.run(List.of("true"), Duration.ofSeconds(5)).exitCode()).isZero();
        }
    }
}
