package io.rootfleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.controller.ssh.SshdExtension;
import io.rootfleet.controller.ssh.SshdHarness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Patch campaigns over the simulated fleet (real sshd, real agents, real containers): a canary that dies while it
 * soaks stops the campaign before the other hosts; SIGINT sent to a running {@code bin/rootfleet patch} lets the
 * batches under way finish and reports what was not touched; a canary-first campaign that goes through, with its
 * webhook events and its HTML report. Every container's init is a copy of
 * {@code sleep} the test replaces the way dpkg does, so that all of them are stale at once.
 */
@Order(1) // among the longest: started first (see the failsafe configuration)
@Execution(ExecutionMode.CONCURRENT) // each test has its own sshd hosts, fleet and test binary
class FleetCampaignIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final SshdExtension sshd = new SshdExtension(3);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    private Path lib;
    private Path sleep;
    private Path health;
    private HttpServer webhook;
    private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void copyTheTestBinary() {
        lib = HostFile.directory(fleet.id());
        sleep = HostFile.copy(Path.of("/usr/bin/sleep"), lib.resolve("sleep"));
        health = HostFile.script(lib.resolve("healthy"), "#!/bin/sh\nexit 0\n");
    }

    @AfterEach
    void cleanUp() {
        if (webhook != null) {
            webhook.stop(0);
        }
        HostFile.delete(lib);
    }

    /**
     * Hosts a, b (and c when {@code hosts} is 3); on each, {@code perHost} containers rf-h12c-N running the test binary,
     * with a health check.
     */
    private Path playbook(int hosts, int perHost) {
        SshdHarness harness = sshd.harness();
        StringBuilder text = new StringBuilder("apiVersion: rootfleet/v1\nhosts:\n");
        for (int i = 0; i < hosts; i++) {
            text.append(fleet.sshHost(String.valueOf((char) ('a' + i)), harness, i, "all"));
        }
        text.append(SimulatedFleet.CONTAINER_DEFAULTS).append("containers:\n");
        for (int n = 1; n <= perHost; n++) {
            text.append("""
                      - name: %s
                        group: all
                        init: [%s, infinity]
                        health: {command: [%s], retries: 0, timeout: 30s}
                    """.formatted(fleet.name("rf-h12c-" + n), sleep, health));
        }
        return fleet.write("campaign.yml", text.toString());
    }

    private String knownHosts() {
        return sshd.harness().knownHosts().toString();
    }

    /** A local webhook that keeps every JSON body it is sent; its URL. */
    private String webhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/rf-h12c-hook", exchange -> {
            try (exchange) {
                events.add(JSON.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        webhook.start();
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/rf-h12c-hook?token=rf-h12c-secret";
    }

    private List<String> eventNames() {
        synchronized (events) {
            return events.stream().map(e -> e.get("event").asText()).toList();
        }
    }

    private JsonNode lastEvent() {
        synchronized (events) {
            return events.get(events.size() - 1);
        }
    }

    @Test
    void canaryDyingWhileItSoaks_stopsTheCampaignBeforeTheOtherHosts() throws Exception {
        Path playbook = playbook(2, 1);
        fleet.applyInThisJvm(playbook);
        String app = fleet.name("rf-h12c-1");
        Map<String, Integer> pids = initPids("a", "b");
        HostFile.replace(sleep);
        String url = webhook();
        Path html = fleet.dir().resolve("rf-h12c-canary.html");

        List<String> out;
        int exit;
        try (LiveLauncher patch = new LiveLauncher("patch", "--canary", "a", "--soak", "30s", "--notify", url, "--report",
                html.toString(), "--known-hosts", knownHosts(), playbook.toString())) {
            // the canary restarted its container and found it healthy: kill its new init, as a crash would
            patch.awaitLine(line -> line.startsWith("[a] done in "));
            Integer restarted = AgentHomes.initPid(fleet.home("a"), app);
            assertThat(restarted).isNotNull().isNotEqualTo(pids.get("a/" + app));
            ProcessHandle.of(restarted).ifPresent(ProcessHandle::destroyForcibly);
            exit = patch.exit();
            out = List.copyOf(patch.stdout);
        }

        assertThat(exit).as(String.join("\n", out)).isEqualTo(7);
        assertThat(out).anyMatch(line -> line.matches("CANARY FAILED, the campaign stopped: a canary failed its health check"
                + " \\d of 7 while soaking: a: " + app + " is (STOPPED|gone|was started again).*; not touched: b"));
        assertThat(out).anyMatch(line -> line.startsWith("b ") && line.contains("NOT PATCHED"))
                .noneMatch(line -> line.startsWith("[b]") || line.startsWith("host batch"));
        assertThat(initPids("a", "b").get("b/" + app)).isEqualTo(pids.get("b/" + app));
        assertThat(eventNames()).containsExactly("start", "failed", "end");
        assertThat(events.get(1).get("canary").get(0).asText()).isEqualTo("a");
        assertThat(lastEvent().get("exitCode").asInt()).isEqualTo(7);
        assertThat(lastEvent().get("stopped").asText()).isEqualTo("canary_failed");
        assertThat(Files.readString(html)).contains("CANARY FAILED, the campaign stopped");
    }

    @Test
    void sigintToARunningPatch_finishesWhatIsUnderWay_andReportsWhatWasNotTouched() throws Exception {
        Path playbook = playbook(2, 3);
        fleet.applyInThisJvm(playbook);
        Map<String, Integer> pids = initPids("a", "b");
        HostFile.replace(sleep);
        // each container's health check now takes 3 s: the agent's batches (one container each) take that long
        HostFile.script(health, "#!/bin/sh\nsleep 3\nexit 0\n");
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        Path html = fleet.dir().resolve("rf-h12c-interrupted.html");

        List<String> stdout;
        String errors;
        int exit;
        try (LiveLauncher patch = new LiveLauncher("patch", "--serial", "1", "--batch", "1", "--notify", "http://127.0.0.1:"
                + deadPort + "/rf-h12c-dead?token=rf-h12c-secret", "--report", html.toString(), "--known-hosts", knownHosts(),
                playbook.toString())) {
            // host a's first container is restarted and healthy: Ctrl-C, as an operator would (once)
            patch.awaitLine(line -> line.startsWith("[a] ") && line.endsWith(" restart ok"));
            new ProcessBuilder("kill", "-INT", String.valueOf(patch.process.pid())).inheritIO().start().waitFor();
            exit = patch.exit();
            stdout = List.copyOf(patch.stdout);
            errors = patch.errors();
        }
        String output = String.join("\n", stdout);

        assertThat(exit).as(output + "\n" + errors).isEqualTo(6);
        assertThat(stdout).contains("stopping (SIGINT): the hosts under way finish their batch under way, no other starts")
                .contains("INTERRUPTED (SIGINT): the hosts under way finished their batch under way, no other was started;"
                        + " not touched: b")
                .noneMatch(line -> line.startsWith("[b]"));
        String rowA = stdout.stream().filter(line -> line.startsWith("a ")).findFirst().orElseThrow();
        assertThat(rowA).contains("INTERRUPTED").containsPattern("stopped when asked: [12] restarted, [12] not restarted");
        assertThat(stdout).anyMatch(line -> line.startsWith("    not restarted: rf-h12c-"))
                .anyMatch(line -> line.startsWith("[a] INTERRUPTED: stopped when asked: "));
        assertThat(stdout).anyMatch(line -> line.startsWith("b ") && line.contains("NOT PATCHED"));
        // the dead webhook: one warning line per event, the token not shown, and the patch ended all the same
        assertThat(errors).contains("warning: notify http://127.0.0.1:" + deadPort + "/rf-h12c-dead?...: event not delivered"
                + " (connection refused) after 3 attempt(s)").doesNotContain("secret");
        // no host left mid-restart: every container runs, b's as they were
        for (String host : List.of("a", "b")) {
            assertThat(AgentHomes.running(fleet.home(host))).as(host).hasSize(3);
        }
        Map<String, Integer> after = initPids("a", "b");
        pids.forEach((container, pid) -> {
            if (!container.startsWith("a/")) {
                assertThat(after.get(container)).as(container).isEqualTo(pid);
            }
        });
        long restartedOnA = after.entrySet().stream().filter(e -> e.getKey().startsWith("a/"))
                .filter(e -> !e.getValue().equals(pids.get(e.getKey()))).count();
        assertThat(restartedOnA).isBetween(1L, 2L);
        assertThat(Files.readString(html)).contains("INTERRUPTED (SIGINT)").contains("interrupted (exit 6)");
        for (String host : List.of("a", "b")) {
            // the agents let go of their host lock: it is free at once
            try (HostLock free = HostLock.acquire(new AgentHome(fleet.home(host)).lockFile(), Duration.ZERO)) {
                assertThat(free).as(host).isNotNull();
            }
        }
    }

    @Test
    void canaryFirstCampaign_goesThrough_withItsEventsAndItsReport() throws Exception {
        Path playbook = playbook(3, 2);
        fleet.applyInThisJvm(playbook);
        HostFile.replace(sleep);
        String url = webhook();
        Path html = fleet.dir().resolve("rf-h12c-campaign.html");

        ControllerRun run = fleet.rootfleet("patch", "--canary", "1", "--soak", "3s", "--serial", "1", "--notify", url,
                "--report", html.toString(), "--known-hosts", knownHosts(), playbook.toString());

        assertThat(run.exit()).isZero();
        List<String> out = run.report();
        assertThat(out).contains("stale: 6 -> 0 on 3 hosts", "3 host(s): 3 patched; 6 container(s) restarted")
                .anyMatch(line -> line.matches("canary a: restarted in [0-9.]+ s, then healthy through \\d+ check\\(s\\) over"
                        + " [0-9.]+ s"))
                .containsSubsequence("host batch 1 of 2: b", "host batch 2 of 2: c");
        assertThat(eventNames()).containsExactly("start", "end");
        assertThat(events.get(0).get("staleByHost").get("a").asInt()).isEqualTo(2);
        assertThat(lastEvent().get("exitCode").asInt()).isZero();
        assertThat(lastEvent().get("restarted").asInt()).isEqualTo(6);

        // the page has no script: its text is what a browser lays out (HtmlReportChromiumIT renders one in Chromium)
        assertThat(Files.readString(html)).contains("<div class=\"v\">ok (exit 0)</div>")
                .contains("<div class=\"k\">stale before</div><div class=\"v\">6</div>")
                .contains("<div class=\"k\">stale after</div><div class=\"v\">0</div>")
                .contains("<th>" + fleet.name("rf-h12c-2") + "</th>")
                .contains("<td>a</td><td>patched</td>").contains("<td>b</td><td>patched</td>").contains("<td>c</td><td>patched</td>");

        // the figures for the record: hosts, containers, the canary's restart and soak, the whole campaign
        String canaryLine = out.stream().filter(line -> line.startsWith("canary a:")).findFirst().orElseThrow();
        System.out.println("rf-h12c figures: 3 hosts, 6 containers restarted (2 per host, --batch default 25%),"
                + " --canary 1 --soak 3s --serial 1: " + canaryLine + "; whole campaign " + run.wallMillis()
                + " ms wall (in-process controller)");
    }

    /** {@code bin/rootfleet ARGS...} as a process whose standard output the test reads line by line as it comes. */
    private static final class LiveLauncher implements AutoCloseable {
        final Process process;
        final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<String> stderr;
        private final CompletableFuture<Void> reader;

        LiveLauncher(String... args) throws IOException {
            // SIGINT as a terminal's Ctrl-C finds it: a suite started in the background of a shell without job
            // control inherits it ignored, and a JVM does not take a signal it was started with ignored
            List<String> argv = new ArrayList<>(List.of("env", "--default-signal=INT",
                    Checkout.controllerLauncher().toString()));
            argv.addAll(List.of(args));
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            stderr = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            reader = CompletableFuture.runAsync(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        stdout.add(line);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        /** Waits until some line of its output matches. */
        void awaitLine(java.util.function.Predicate<String> line) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
                synchronized (stdout) {
                    return stdout.stream().anyMatch(line);
                }
            });
        }

        /** Its exit code, once it ended by itself (within 4 minutes). */
        int exit() throws Exception {
            assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("rootfleet patch ends by itself").isTrue();
            reader.get(30, TimeUnit.SECONDS);
            return process.exitValue();
        }

        String errors() throws Exception {
            return stderr.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** Init PIDs by HOST/CONTAINER. */
    private Map<String, Integer> initPids(String... hosts) {
        Map<String, Integer> pids = new TreeMap<>();
        for (String host : hosts) {
            for (String name : AgentHomes.containers(fleet.home(host))) {
                pids.put(host + "/" + name, AgentHomes.initPid(fleet.home(host), name));
            }
        }
        return pids;
    }
}
