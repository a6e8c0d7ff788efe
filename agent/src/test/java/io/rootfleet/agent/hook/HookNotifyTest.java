package io.rootfleet.agent.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.model.notify.Notifier;
import io.rootfleet.model.report.ContainerFailure;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook's webhook, against an HTTP server this test runs on loopback: what it receives, and a dead endpoint. */
class HookNotifyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Notifier.Settings FAST = new Notifier.Settings(Duration.ofSeconds(15), 2, Duration.ofMillis(10), 20);
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    @TempDir
    Path tmp;

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private ScheduledSettle settle(AgentHome home, Notifier notifier, String now, AtomicInteger restarts) {
        ScheduledSettleTest.TestClock clock = new ScheduledSettleTest.TestClock(LocalDateTime.parse(now).atZone(ZONE));
        RestartSchedule schedule = new RestartSchedule(new HookSettings("Mon-Fri 02:00-04:00", null, null).restartWindow(),
                Duration.ZERO);
        return new ScheduledSettle(home, new SettleOptions(List.of(tmp.resolve("no-lock")), Duration.ZERO, Duration.ofSeconds(5)),
                schedule, "host-a", clock, at -> clock.now = at.toInstant(), notifier, new HookLog(home.hookLog(), "settle"),
                () -> new StaleReport("rootfleet/v1", 1, List.of(
                        new StaleReport.Container("web-1", "RUNNING", 10, null, true, List.of(), List.of(), List.of()),
                        new StaleReport.Container("web-2", "RUNNING", 11, null, true, List.of(), List.of(), List.of()))),
                () -> {
                    restarts.incrementAndGet();
                    return new HookSettler.Outcome(1, new RestartSummary(List.of("web-1"), List.of("web-2"), List.of(), false,
                            List.of(new ContainerFailure("web-2", "health check", "health check failed 3 times")), 420), null);
                });
    }

    @Test
    void aHookRestart_postsStart_eachFailure_andTheEnd() throws Exception {
        AgentHome home = new AgentHome(Files.createDirectories(tmp.resolve("home")));
        AtomicInteger restarts = new AtomicInteger();
        Notifier notifier = Notifier.to(serve(204), FAST, line -> {});

        settle(home, notifier, "2026-11-30T02:30:00", restarts).run(false);
        assertThat(notifier.close(Duration.ofSeconds(60))).isTrue();

        assertThat(restarts).hasValue(1);
        assertThat(received).extracting(e -> e.path("event").asText()).containsExactly("start", "failed", "end");
        assertThat(received).allSatisfy(e -> {
            assertThat(e.path("source").asText()).isEqualTo("hook");
            assertThat(e.path("host").asText()).isEqualTo("host-a");
            assertThat(e.path("home").asText()).isEqualTo(home.dir().toString());
        });
        assertThat(received.get(0).path("containers").toString()).isEqualTo("[\"web-1\",\"web-2\"]");
        assertThat(received.get(0).path("time").asText()).isEqualTo("2026-11-30T01:30:00Z");
        assertThat(received.get(1).path("container").asText()).isEqualTo("web-2");
        assertThat(received.get(1).path("step").asText()).isEqualTo("health check");
        assertThat(received.get(1).path("message").asText()).isEqualTo("health check failed 3 times");
        JsonNode end = received.get(2);
        assertThat(end.path("result").asText()).isEqualTo("failed");
        assertThat(end.path("exitCode").asInt()).isEqualTo(1);
        assertThat(end.path("restarted").toString()).isEqualTo("[\"web-1\"]");
        assertThat(end.path("failed").toString()).isEqualTo("[\"web-2\"]");
        assertThat(end.path("millis").asLong()).isEqualTo(420);
    }

    @Test
    void aDeferredRestart_postsDeferred_andNoStart() throws Exception {
        AgentHome home = new AgentHome(Files.createDirectories(tmp.resolve("home")));
        AtomicInteger restarts = new AtomicInteger();
        Notifier notifier = Notifier.to(serve(204), FAST, line -> {});

        settle(home, notifier, "2026-11-28T12:00:00", restarts).run(false);
        assertThat(notifier.close(Duration.ofSeconds(60))).isTrue();

        assertThat(restarts).hasValue(0);
        assertThat(received).singleElement().satisfies(e -> {
            assertThat(e.path("event").asText()).isEqualTo("deferred");
            assertThat(e.path("until").asText()).isEqualTo("2026-11-30T02:00+01:00");
            assertThat(e.path("window").asText()).isEqualTo("Mon,Tue,Wed,Thu,Fri 02:00-04:00");
        });
    }

    @Test
    void aFailingEndpoint_neitherBlocksNorFailsTheRestart() throws Exception {
        AgentHome home = new AgentHome(Files.createDirectories(tmp.resolve("home")));
        AtomicInteger restarts = new AtomicInteger();
        List<String> warnings = new CopyOnWriteArrayList<>();
        Notifier notifier = Notifier.to(serve(503), FAST, warnings::add);

        settle(home, notifier, "2026-11-30T02:30:00", restarts).run(false);
        notifier.close(Duration.ofSeconds(60));

        assertThat(restarts).hasValue(1);
        assertThat(Files.readString(home.hookLog())).contains("restart finished with failures: restarted web-1; failed web-2");
        assertThat(received).as("each event tried twice").hasSize(6);
        assertThat(warnings).hasSize(3).allMatch(w -> w.contains("HTTP 503"));
    }
}
