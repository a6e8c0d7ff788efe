package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConnectIT {
    @RegisterExtension
    final SshdExtension sshd = new SshdExtension(1);

    @TempDir(factory = ScratchDirectories.class)
    Path scratch;

    @Test
    void hostDown_isRefusedQuickly() {
        SshdHost host = sshd.harness().host(0);
        host.stop();
        long start = System.nanoTime();

        assertThatThrownBy(() -> new SshClient().connect(sshd.harness().target(0)))
                .isInstanceOf(ConnectionRefusedException.class)
                .isInstanceOf(HostUnreachableException.class)
                .hasMessage("cannot connect to " + host.address() + ":" + host.port() + ": connection refused;"
                        + " check that the host is up and sshd listens on port " + host.port());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void hostThatNeverAnswers_timesOutWithinConnectTimeout() throws IOException {
        String address = sshd.harness().host(0).address();
        // The kernel completes the TCP handshake from the backlog, but nothing ever speaks SSH.
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(address, 0), 5);
            SshTarget target = sshd.harness()
                    .target(0)
                    .withPort(silent.getLocalPort())
                    .withConnectTimeout(Duration.ofMillis(700));
            long start = System.nanoTime();

            assertThatThrownBy(() -> new SshClient().connect(target))
                    .isInstanceOf(ConnectTimeoutException.class)
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessage(address + ":" + silent.getLocalPort() + " did not answer within the connect timeout"
                            + " of 700ms; check that the host is up and reachable (network, firewall), or raise the"
                            + " connect timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
        }
    }

    @Test
    void hostThatTalksButNeverCompletesTheHandshake_timesOutWithinConnectTimeout() throws Exception {
        String address = sshd.harness().host(0).address();
        // Lines that are not an SSH version string are skipped by clients, so each read succeeds in time and
        // only a deadline on the whole handshake ends this.
        try (ServerSocket chatty = new ServerSocket()) {
            chatty.bind(new InetSocketAddress(address, 0), 5);
            Thread talker = new Thread(() -> {
                try (var client = chatty.accept();
                        var out = client.getOutputStream()) {
                    while (true) {
                        out.write("please wait\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client gave up, or the test ended
                }
            });
            talker.setDaemon(true);
            talker.start();
            SshTarget target = sshd.harness()
                    .target(0)
                    .withPort(chatty.getLocalPort())
                    .withConnectTimeout(Duration.ofMillis(700));
            long start = System.nanoTime();

            assertThatThrownBy(() -> new SshClient().connect(target))
                    .isInstanceOf(ConnectTimeoutException.class)
                    .hasMessageStartingWith(address + ":" + chatty.getLocalPort() + " did not answer within the connect"
                            + " timeout of 700ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
            talker.interrupt();
        }
    }

    @Test
    void keyNotAuthorized_isAuthenticationFailure() {
        Path otherKey = newKey(scratch.resolve("other_key"));
        SshTarget target = sshd.harness().target(0).withIdentityFiles(List.of(otherKey));

        assertThatThrownBy(() -> new SshClient().connect(target))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage(target + " did not accept any of the keys offered (" + otherKey + "); add the public key"
                        + " to ~root/.ssh/authorized_keys on that host, or pass the right key as the host's"
                        + " identityFile");
    }

    @Test
    void missingIdentityFile_isReportedBeforeConnecting() {
        Path missing = scratch.resolve("no_such_key");
        SshTarget target = sshd.harness().target(0).withIdentityFiles(List.of(missing));

        assertThatThrownBy(() -> new SshClient().connect(target))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("identity file " + missing + " for " + target + " does not exist or is not readable;"
                        + " check the host's identityFile");
    }

    @Test
    void passphraseProtectedIdentityFile_pointsToSshAgent() {
        Path key = scratch.resolve("locked_key");
        LocalCommand.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "secret phrase", "-f", key.toString()));
        SshTarget target = sshd.harness().target(0).withIdentityFiles(List.of(key));

        assertThatThrownBy(() -> new SshClient().connect(target))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("identity file " + key + " is protected by a passphrase, which rootfleet cannot ask for;"
                        + " load it into ssh-agent (ssh-add " + key + ") and remove the host's identityFile, so that"
                        + " the agent's keys are used");
    }

    @Test
    void noKeyAnywhere_saysWhereItLooked() {
        SshTarget target = sshd.harness().target(0).withIdentityFiles(List.of());
        Path home = scratch;

        assertThatThrownBy(() -> new SshClient(Optional.empty(), home).connect(target))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("no SSH key to log in to " + target + ": no identityFile is set, SSH_AUTH_SOCK is not"
                        + " set and none of " + home + "/.ssh/id_ed25519, " + home + "/.ssh/id_ecdsa, " + home
                        + "/.ssh/id_rsa is usable; create a key (ssh-keygen -t ed25519), start ssh-agent, or set"
                        + " the host's identityFile");
    }

    @Test
    void defaultKeyFileInHome_isUsedWhenNoIdentityIsGiven() throws IOException {
        Path home = scratch.resolve("home");
        Files.createDirectories(home.resolve(".ssh"));
        Files.copy(sshd.harness().clientKey(), home.resolve(".ssh/id_ed25519"));
        SshTarget target = sshd.harness().target(0).withIdentityFiles(List.of());

        try (SshSession session = new SshClient(Optional.empty(), home).connect(target)) {
            assertThat(session.run(List.of("echo", "ok"), Duration.ofSeconds(5)).stdout()).isEqualTo("ok\n");
        }
    }

    @Test
    void sshAgentKeys_areUsedWhenNoIdentityIsGiven() throws Exception {
        Path socket = scratch.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true)
                .redirectOutput(scratch.resolve("agent.log").toFile())
                .start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(socket));
            LocalCommand.run(
                    List.of("ssh-add", sshd.harness().clientKey().toString()),
                    Map.of("SSH_AUTH_SOCK", socket.toString()),
                    new byte[0]);
            SshTarget target = sshd.harness().target(0).withIdentityFiles(List.of());

            try (SshSession session = new SshClient(Optional.of(socket), scratch).connect(target)) {
                assertThat(session.run(List.of("echo", "via agent"), Duration.ofSeconds(5)).stdout())
                        .isEqualTo("via agent\n");
            }
        } finally {
            agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void hostGoingDownDuringACommand_isUnreachableNotACommandFailure() {
        SshdHost host = sshd.harness().host(0);
        try (SshSession session = new SshClient().connect(sshd.harness().target(0))) {
            LineListener stopHostOnStart = line -> {
                if (line.equals("started")) {
                    host.stop();
                }
            };

            assertThatThrownBy(() -> session.run(
                            List.of("sh", "-c", "echo started; sleep 10"),
                            new byte[0],
                            Duration.ofSeconds(10),
                            stopHostOnStart))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessage("lost the SSH connection to " + session.name() + " while running sh -c 'echo started;"
                            + " sleep 10'; its outcome is unknown");
        }
    }

    private static Path newKey(Path file) {
        LocalCommand.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString()));
        return file;
    }
}
