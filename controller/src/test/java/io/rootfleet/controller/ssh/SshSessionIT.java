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
        // Every command that gets a channel holds it until the marker exists, so exactly 10 can be open.
        Path marker = SSHD.harness().newDirectory("max-sessions").resolve("release");
        String waitForMarker = "while [ ! -e \"$1\" ]; do sleep 0.02; done";
        List<String> holdChannel = List.of("sh", "-c", waitForMarker, "sh", marker.toString());
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                outcomes.add(threads.submit(() -> {
                    try {
                        return "exit " + session.run(holdChannel, Duration.ofSeconds(20)).exitCode();
                    } catch (CommandException e) {
                        return e.getMessage();
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.stream().filter(Future::isDone).count() == 2);
            Files.createFile(marker);
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(20, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn("exit 0"::equals).hasSize(10);
            assertThat(results).filteredOn(result -> !result.equals("exit 0")).containsOnly("cannot run "
                    + ShellQuoting.display(holdChannel) + " on " + session.name() + ": sshd refused another channel"
                    + " on this connection (OpenSSH allows MaxSessions, 10 by default, at once); run fewer commands at"
                    + " the same time on one host");
        } finally {
            threads.shutdownNow();
        }
    }
}
