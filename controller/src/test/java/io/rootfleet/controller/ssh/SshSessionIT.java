package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link RemoteHost} contract against a real OpenSSH sshd, and what is particular to SSH. */
class SshSessionIT extends RemoteHostContract {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(1);

    private static SshSession session;

    @BeforeAll
    static void connect() {
        session = new SshClient().connect(SSHD.harness().target(0));
    }

    @AfterAll
    static void disconnect() {
        if (session != null) {
            session.close();
        }
    }

    @Override
    protected RemoteHost host() {
        return session;
    }

    @Override
    protected Path sharedDirectory(String name) {
        return SSHD.harness().newDirectory(name);
    }

    @Test
    void moreCommandsAtOnceThanSshdAllows_failWithAnExplanation() throws Exception {
        // Each command that gets a channel holds it until the marker exists (or 10s pass), so at most 10 can be
        // open; a connection of its own keeps other tests' channels out of the count.
        Path marker = SSHD.harness().newDirectory("max-sessions").resolve("release");
        String waitForMarker = "i=0; while [ ! -e \"$1\" ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i+1)); done";
        List<String> holdChannel = List.of("sh", "-c", waitForMarker, "sh", marker.toString());
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try (SshSession own = new SshClient().connect(SSHD.harness().target(0))) {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                outcomes.add(threads.submit(() -> {
                    try {
                        return "exit " + own.run(holdChannel, Duration.ofSeconds(20)).exitCode();
                    } catch (CommandException e) {
                        return e.getMessage();
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.stream().anyMatch(Future::isDone));
            Files.createFile(marker);
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(20, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn("exit 0"::equals).hasSizeLessThanOrEqualTo(10);
            assertThat(results).filteredOn(result -> !result.equals("exit 0")).isNotEmpty().containsOnly("cannot run "
                    + ShellQuoting.display(holdChannel) + " on " + own.name() + ": sshd refused another channel"
                    + " on this connection (OpenSSH allows MaxSessions, 10 by default, at once); run fewer commands at"
                    + " the same time on one host");
        } finally {
            threads.shutdownNow();
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
        }
    }
}
