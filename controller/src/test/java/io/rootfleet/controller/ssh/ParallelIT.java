package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ParallelIT {
    private static final int HOSTS = 4;

    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(HOSTS);

    @TempDir(factory = ScratchDirectories.class)
    Path scratch;

    private final SshClient client = new SshClient();

    @Test
    void severalHostsAtOnce_eachSessionTalksToItsOwnHost() throws Exception {
        List<String> results = onEveryHostAtOnce(index -> {
            SshTarget target = SSHD.harness().target(index);
            List<String> lines = new ArrayList<>();
            try (SshSession session = client.connect(target)) {
                session.run(
                        List.of("sh", "-c", "read -r word; echo \"$word\"; echo \"$SSH_CONNECTION\""),
                        ("host-" + index + "\n").getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(10),
                        lines::add);
            }
            return String.join(" | ", lines);
        });

        for (int index = 0; index < HOSTS; index++) {
            SshdHost host = SSHD.harness().host(index);
            assertThat(results.get(index))
                    .startsWith("host-" + index + " | ")
                    .endsWith(" " + host.address() + " " + host.port());
        }
    }

    @Test
    void acceptNewFromParallelConnections_keepsEveryHostKey() throws Exception {
        Path knownHosts = scratch.resolve("known_hosts");

        onEveryHostAtOnce(index -> {
            SshTarget target =
                    SSHD.harness().target(index).withKnownHosts(knownHosts).withHostKeyPolicy(HostKeyPolicy.ACCEPT_NEW);
            client.connect(target).close();
            return "connected";
        });

        assertThat(Files.readAllLines(knownHosts))
                .containsExactlyInAnyOrderElementsOf(
                        SSHD.harness().hosts().stream().map(SshdHost::knownHostsLine).toList());
    }

    /** Runs {@code work} for every host index on its own thread, all released at the same moment. */
    private static List<String> onEveryHostAtOnce(IntFunction<String> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(HOSTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int index = 0; index < HOSTS; index++) {
                int host = index;
                futures.add(threads.submit(() -> {
                    start.await();
                    return work.apply(host);
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                results.add(future.get(20, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
