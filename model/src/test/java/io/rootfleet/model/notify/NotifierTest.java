package io.rootfleet.model.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotifierTest {
    private static final Notifier.Settings FAST = new Notifier.Settings(Duration.ofMillis(500), 3, Duration.ofMillis(10), 4);

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int... statuses) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            int n = calls.getAndIncrement();
            int status = n < statuses.length ? statuses[n] : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=secret");
    }

    @Test
    void send_postsJsonInOrder() throws IOException {
        URI url = serve();
        try (Notifier notifier = Notifier.to(url, FAST, warnings::add)) {
            notifier.send(Map.of("event", "start"));
            notifier.send(new Event("end", 3));
            assertThat(notifier.close(Duration.ofSeconds(10))).isTrue();
            assertThat(notifier.delivered()).isEqualTo(2);
        }
        assertThat(bodies).containsExactly("{\"event\":\"start\"} application/json",
                "{\"event\":\"end\",\"failed\":3} application/json");
        assertThat(warnings).isEmpty();
    }

    record Event(String event, int failed) {}

    @Test
    void send_retriesServerErrors() throws IOException {
        URI url = serve(503, 500);
        Notifier notifier = Notifier.to(url, FAST, warnings::add);
        notifier.send(Map.of("event", "start"));
        assertThat(notifier.close(Duration.ofSeconds(10))).isTrue();
        assertThat(bodies).hasSize(3);
        assertThat(notifier.delivered()).isEqualTo(1);
        assertThat(warnings).isEmpty();
    }

    @Test
    void send_givesUpWithOneWarningLine_withoutTheToken() throws IOException {
        URI url = serve(500, 500, 500, 500);
        Notifier notifier = Notifier.to(url, FAST, warnings::add);
        notifier.send(Map.of("event", "start"));
        notifier.close(Duration.ofSeconds(10));
        assertThat(bodies).hasSize(3);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("warning: notify http://127.0.0.1:").contains("/hook?...")
                .contains("HTTP 500").contains("after 3 attempt(s)").doesNotContain("secret").doesNotContain("\n");
        assertThat(notifier.failed()).isEqualTo(1);
    }

    @Test
    void send_doesNotRetryAClientError() throws IOException {
        URI url = serve(404);
        Notifier notifier = Notifier.to(url, FAST, warnings::add);
        notifier.send(Map.of("event", "start"));
        notifier.close(Duration.ofSeconds(10));
        assertThat(bodies).hasSize(1);
        assertThat(warnings).singleElement().asString().contains("HTTP 404");
    }

    @Test
    void deadEndpoint_neverBlocksTheCaller() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Notifier notifier = Notifier.to(URI.create("http://127.0.0.1:" + port + "/dead"), FAST, warnings::add);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            notifier.send(Map.of("event", "failed", "n", i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        notifier.close(Duration.ofSeconds(10));
        assertThat(notifier.delivered()).isZero();
        assertThat(notifier.failed()).isEqualTo(10);
        assertThat(warnings).anyMatch(w -> w.contains("queue full"));
        assertThat(warnings).allMatch(w -> w.startsWith("warning: notify http://127.0.0.1:" + port + "/dead: "));
    }

    @Test
    void close_givesUpAtTheDeadline() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/slow", exchange -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow");
        Notifier notifier = Notifier.to(url, new Notifier.Settings(Duration.ofSeconds(30), 1, Duration.ZERO, 10),
                warnings::add);
        notifier.send(Map.of("event", "start"));
        notifier.send(Map.of("event", "end"));
        long start = System.nanoTime();
        assertThat(notifier.close(Duration.ofMillis(300))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        release.countDown();
        assertThat(warnings).anyMatch(w -> w.contains("gave up at the final flush") && w.contains("2 event(s)"));
        notifier.send(Map.of("event", "late"));
        assertThat(warnings).anyMatch(w -> w.contains("not sent after the final flush"));
    }

    @Test
    void none_sendsNothing() {
        Notifier notifier = Notifier.none();
        notifier.send(Map.of("event", "start"));
        assertThat(notifier.enabled()).isFalse();
        assertThat(notifier.close(Duration.ZERO)).isTrue();
    }

    @Test
    void parseUrl_refusesWhatIsNotHttp() {
        assertThat(Notifier.parseUrl("https://hooks.example.org/x")).hasHost("hooks.example.org");
        assertThatThrownBy(() -> Notifier.parseUrl("ftp://example.org/x"))
                .hasMessage("'ftp://example.org/x' is not an http:// or https:// URL with a host;"
                        + " give one such as https://hooks.example.org/rootfleet");
        assertThatThrownBy(() -> Notifier.parseUrl("hooks example"))
                .hasMessageStartingWith("'hooks example' is not a URL");
    }
}
