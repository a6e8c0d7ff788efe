package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: isolation, restarts, and cleanup even after a run that was killed. */
class SshdHarnessIT {
    @Test
    void hosts_haveDistinctLoopbackAddressesAndHostKeys() {
        try (SshdHarness harness = SshdHarness.start(3)) {
            List<SshdHost> hosts = harness.hosts();

            assertThat(hosts)
                    .extracting(SshdHost::address)
                    .doesNotHaveDuplicates()
                    .allMatch(address -> address.startsWith("127.0.0."));
            assertThat(hosts).extracting(SshdHost::hostKeyFingerprint).doesNotHaveDuplicates();
            assertThat(read(harness.knownHosts()).lines().toList())
                    .containsExactlyElementsOf(hosts.stream().map(SshdHost::knownHostsLine).toList());
        }
    }

    @Test
    void stoppedHost_refusesConnectionsAndStartsAgainOnTheSamePort() {
        try (SshdHarness harness = SshdHarness.start(1)) {
            SshdHost host = harness.host(0);
            int port = host.port();

            host.stop();
            assertThat(host.isRunning()).isFalse();
            assertThat(accepts(host.address(), port)).isFalse();

            host.start();
            assertThat(host.port()).isEqualTo(port);
            assertThat(accepts(host.address(), port)).isTrue();
        }
    }

    @Test
    void close_killsEverySshdAndDeletesItsDirectory() {
        SshdHarness harness = SshdHarness.start(2);
        Path directory = harness.knownHosts().getParent();
        List<SshdHost> hosts = harness.hosts();

        harness.close();
        harness.close();

        assertThat(directory).doesNotExist();
        assertThat(hosts).noneMatch(SshdHost::isRunning);
        for (SshdHost host : hosts) {
            // seen once in a loaded suite, cause not found: the message says which process listens there
            assertThat(accepts(host.address(), host.port())).as(() -> host + " accepts connections after close; listening"
                    + " on its port: " + listeners(host.port())).isFalse();
        }
    }

    /** {@code ss}'s listening TCP sockets on this port, with their processes. */
    private static String listeners(int port) {
        String out = LocalCommand.run(List.of("ss", "-Htlnp", "sport = :" + port));
        return out.isBlank() ? "(none now)" : out.strip();
    }

    @Test
    void leftoversOfAKilledRun_areKilledAndDeleted(@TempDir(factory = ScratchDirectories.class) Path root)
            throws Exception {
        // A run whose JVM died without closing: its owner process is gone, its sshd still listens. It lives under
        // a private root: in /tmp, any harness starting in parallel (another build) would rightly reap it.
        Path leftover = HarnessDirectories.create(root);
        Process deadOwner = new ProcessBuilder("true").start();
        deadOwner.waitFor();
        Files.writeString(leftover.resolve("owner"), deadOwner.pid() + " 0");
        Path authorizedKeys = Files.writeString(leftover.resolve("authorized_keys"), "");
        SshdHost orphan = new SshdHost("127.0.0.9", leftover.resolve("host-0"), authorizedKeys);
        Path alive = HarnessDirectories.create(root);
        try {
            orphan.startOnFreePort();
            // sshd writes its pid file just after it logs that it listens, which is when the start returns
            Path pidFile = leftover.resolve("host-0/sshd.pid");
            await().atMost(Duration.ofSeconds(5)).until(() -> !read(pidFile).isBlank());
            long orphanPid = Long.parseLong(read(pidFile).trim());

            HarnessDirectories.removeLeftovers(root);

            assertThat(leftover).doesNotExist();
            assertThat(alive).exists();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> ProcessHandle.of(orphanPid).map(p -> !p.isAlive()).orElse(true));
        } finally {
            orphan.stop();
        }
    }

    @Test
    void harnessesOfParallelRuns_areLeftAlone() {
        try (SshdHarness first = SshdHarness.start(1);
                SshdHarness second = SshdHarness.start(1)) {
            assertThat(first.host(0).isRunning()).isTrue();
            assertThat(first.knownHosts()).exists();
            Set<String> endpoints = Set.of(first, second).stream()
                    .map(h -> h.host(0).address() + ":" + h.host(0).port())
                    .collect(Collectors.toSet());
            assertThat(endpoints).hasSize(2);
        }
    }

    private static boolean accepts(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
