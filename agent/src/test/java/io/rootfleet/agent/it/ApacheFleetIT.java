package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.model.ContainerName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Debian's apache2 (installed on the host by bin/setup-tests, never running there) in three containers that boot
 * the host's systemd, unprivileged, on a bridge this test makes, each serving its own page to the host. The
 * "library" apache maps is a copy of one of its modules in this test's own directory under /usr/local/lib,
 * loaded by every container's apache and replaced there the way dpkg replaces files: never a real system file.
 */
@Order(5) // among the longest: started early (see the failsafe configuration)
class ApacheFleetIT {
    private static final Path APACHE_MODULE = Path.of("/usr/lib/apache2/modules/mod_info.so");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int SITES = 3;
    /** Generous: systemd boots slowly on a loaded 2-core machine. */
    private static final String HEALTH = "{tcp: 80, retries: 60}";

    private final CommonsExecRunner runner = new CommonsExecRunner();
    private TestHome t;
    private String bridge;
    private String subnet;
    private Path moduleDir;
    private Path module;

    @BeforeEach
    void setUp() throws IOException {
        t = new TestHome();
        bridge = "rfit" + t.id;
        int n = Integer.parseInt(t.id.substring(0, 4), 16);
        subnet = "10." + (200 + n % 50) + "." + (n / 50 % 250); // its own /24, so parallel runs never share one
        run("ip", "link", "add", bridge, "type", "bridge");
        t.onClose(() -> runner.run(List.of("ip", "link", "del", bridge), Duration.ofSeconds(10)));
        run("ip", "addr", "add", subnet + ".1/24", "dev", bridge);
        run("ip", "link", "set", bridge, "up");
        moduleDir = Path.of("/usr/local/lib", "rf-it-" + t.id);
        t.onClose(() -> removeModuleDir(moduleDir));
        Files.createDirectories(moduleDir);
        module = moduleDir.resolve("mod_info.so");
        Files.copy(APACHE_MODULE, module, StandardCopyOption.COPY_ATTRIBUTES);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String site(int i) {
        return t.name("web" + i);
    }

    private String address(int i) {
        return subnet + "." + (10 + i);
    }

    /** The three sites; the first with this health check and these more files (YAML list items, or none). */
    private String fleet(String firstHealth, String firstFiles) {
        StringBuilder yaml = new StringBuilder("apiVersion: rootfleet/v1\ncontainers:\n");
        for (int i = 1; i <= SITES; i++) {
            yaml.append("""
                      - name: %s
                        services: [apache2.service]
                        health: %s
                        network: {bridge: %s, ipv4: %s/24}
                        files:
                          - {path: /var/www/html/index.html, content: "<h1>site %d</h1>\\n"}
                          - {path: /etc/apache2/mods-enabled/rfit.load, content: "LoadModule info_module %s\\n"}
                    """.formatted(site(i), i == 1 ? firstHealth : HEALTH, bridge, address(i), i, module));
            if (i == 1) {
                yaml.append(firstFiles);
            }
        }
        return yaml.toString();
    }

    @Test
    void apacheFleet_servesItsPages_patchRestartsCleanly_andABrokenApplyExits1WithTheReason() throws Exception {
        TestHome.Run applied = t.apply(fleet(HEALTH, ""));
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        assertThat(applied.out()).doesNotContain("capacity:");
        for (int i = 1; i <= SITES; i++) {
            assertThat(page(i)).isEqualTo("<h1>site " + i + "</h1>\n");
        }
        assertThat(staleSites()).isEmpty();

        // a host update of a library apache maps: all three run the old one until they restart
        replaceTheDpkgWay(module);
        assertThat(staleSites()).containsExactlyInAnyOrder(site(1), site(2), site(3));

        AtomicInteger fewestServing = new AtomicInteger(SITES);
        AtomicBoolean restarting = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (restarting.get()) {
                int serving = 0;
                for (int i = 1; i <= SITES; i++) {
                    serving += serves(i) ? 1 : 0;
                }
                fewestServing.accumulateAndGet(serving, Math::min);
            }
        });
        watcher.start();
        TestHome.Run restart = t.agent("restart", "--stale", "--batch", "1");
        restarting.set(false);
        watcher.join();
        assertThat(restart.exit()).as(restart.out() + restart.err()).isZero();
        assertThat(restart.out()).contains("restarted 3, failed 0, not restarted 0");
        assertThat(staleSites()).isEmpty();
        assertThat(fewestServing.get()).as("one site at a time restarts; the others keep serving").isGreaterThanOrEqualTo(SITES - 1);
        for (int i = 1; i <= SITES; i++) {
            assertThat(page(i)).isEqualTo("<h1>site " + i + "</h1>\n");
            // Debian's apache2.service stops it with apachectl graceful-stop (SIGWINCH), then sends SIGTERM
            // (KillMode=mixed); a kill leaves no line. An apache that did not run between the two signals gets both
            // pending and the kernel hands it the lower-numbered SIGTERM first (seen once in a loaded suite).
            assertThat(apacheErrorLog(i)).as("apache stopped by its unit").containsPattern(
                    "caught SIGWINCH, shutting down gracefully|caught SIGTERM, shutting down");
        }

        // a broken configuration: apache2 does not start, apply says which container and why
        TestHome.Run broken = t.apply(fleet("{tcp: 80, retries: 3}",
                "      - {path: /etc/apache2/conf-enabled/broken.conf, content: \"NoSuchDirective on\\n\"}\n"));
        assertThat(broken.exit()).as(broken.out() + broken.err()).isEqualTo(1);
        assertThat(broken.out()).contains(site(1) + ": started but not healthy: health check `tcp port 80` failed 4 times")
                .contains("; service apache2.service is failed; its journal: ").contains("Invalid command 'NoSuchDirective'");
        assertThat(serves(2) && serves(3)).as("the other sites are untouched").isTrue();

        // the fix is a good file at that path: a file dropped from the definition stays in the container's own layer
        TestHome.Run fixed = t.apply(fleet(HEALTH,
                "      - {path: /etc/apache2/conf-enabled/broken.conf, content: \"# fixed\\n\"}\n"));
        assertThat(fixed.exit()).as(fixed.out() + fixed.err()).isZero();
        for (int i = 1; i <= SITES; i++) {
            assertThat(page(i)).isEqualTo("<h1>site " + i + "</h1>\n");
        }
    }

    private String page(int i) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address(i) + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private boolean serves(int i) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address(i) + "/")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Apache's error log in the container's own layer, once apache wrote its stop line there. */
    private String apacheErrorLog(int i) {
        Path log = t.home.upper(new ContainerName(site(i))).resolve("var/log/apache2/error.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS));
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> staleSites() throws IOException {
        TestHome.Run run = t.agent("stale", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> stale = new ArrayList<>();
        for (JsonNode container : JSON.readTree(run.out()).path("containers")) {
            if (container.path("stale").asBoolean()) {
                assertThat(container.path("staleFiles").get(0).path("path").asText()).isEqualTo(module.toString());
                stale.add(container.path("name").asText());
            }
        }
        return stale;
    }

    /** As dpkg does: the new version is written beside the old one, then renamed over it. */
    private static void replaceTheDpkgWay(Path file) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".dpkg-new");
        Files.copy(APACHE_MODULE, next, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private void run(String... argv) {
        ProcessResult result = runner.run(List.of(argv), Duration.ofSeconds(10));
        assertThat(result.exitCode()).as(String.join(" ", argv) + ": " + result.stderr()).isZero();
    }

    private static void removeModuleDir(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file); // only the module copies this test put there
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the test module in " + dir, e);
        }
    }
}
