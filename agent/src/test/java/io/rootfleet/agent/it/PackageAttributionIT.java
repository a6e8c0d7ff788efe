package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Package and CVE attribution against the real dpkg: a test package built here ships a program (a copy of sleep)
 * and a Debian changelog; version 1.1 names a fake CVE. A container runs the program of 1.0, dpkg upgrades the
 * package to 1.1 (logging to this test's own log, never /var/log/dpkg.log), and {@code stale} names the package,
 * the version change and the CVE. The package is purged afterwards, also when the test fails.
 */
@ResourceLock(GlobalResources.DPKG) // it installs, upgrades and purges a package in the host's dpkg database
class PackageAttributionIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestHome t;
    private String pkg;
    private Path work;
    private Path dpkgLog;
    private Path binDir;

    @BeforeEach
    void setUp() throws IOException {
        t = new TestHome();
        pkg = "rf-it-" + t.id;
        work = Files.createDirectories(t.dir.resolve("pkg-it"));
        dpkgLog = work.resolve("dpkg.log");
        binDir = Path.of("/usr/lib", pkg); // not /usr/local: no package installs there
        purgeLeftoverPackages();
    }

    @AfterEach
    void tearDown() {
        try {
            if (isInstalled(pkg)) {
                dpkg("--purge", pkg);
            }
            if (Files.exists(binDir)) {
                exec(List.of("rm", "-rf", "--one-file-system", binDir.toString()));
            }
        } finally {
            t.close();
        }
    }

    @Test
    void upgradedPackage_namesItsVersionChangeAndTheCveItsChangelogNames() throws IOException {
        String name = t.name("rf-h12b-pkg");
        String other = t.name("rf-h12b-plain");
        dpkg("-i", deb("1.0").toString());
        TestHome.Run applied = t.apply("""
                apiVersion: rootfleet/v1
                containers:
                  - {name: %s, init: [%s, infinity], stop: {timeout: 0}}
                  - {name: %s, init: [/usr/bin/sleep, infinity], stop: {timeout: 0}}
                """.formatted(name, binDir.resolve("sleeper"), other));
        assertThat(applied.exit()).as(applied.out() + applied.err()).isZero();
        // the dpkg log has whole seconds: upgrade in a later second than the container's start
        long started = System.currentTimeMillis();
        await().pollDelay(Duration.ofMillis(1100)).until(() -> System.currentTimeMillis() - started > 1000);

        dpkg("-i", deb("1.1").toString());

        TestHome.Run json = t.agent("stale", "--json", "--dpkg-log", dpkgLog.toString());
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.path("packages")).hasSize(1);
        JsonNode change = report.path("packages").get(0);
        assertThat(change.path("name").asText()).isEqualTo(pkg);
        assertThat(change.path("fromVersion").asText()).isEqualTo("1.0");
        assertThat(change.path("toVersion").asText()).isEqualTo("1.1");
        assertThat(change.path("cves").toString()).isEqualTo("[\"CVE-2099-0001\"]");
        assertThat(change.path("containers").toString()).isEqualTo("[\"" + name + "\"]");
        JsonNode file = container(report, name).path("staleFiles").get(0);
        assertThat(file.path("path").asText()).isEqualTo(binDir.resolve("sleeper").toString());
        assertThat(file.path("hostPackage").asText()).isEqualTo(pkg);
        assertThat(container(report, other).path("stale").asBoolean()).isFalse();

        TestHome.Run text = t.agent("stale", "--dpkg-log", dpkgLog.toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out())
                .contains("; package " + pkg + "\n")
                .contains("Host packages behind the stale files:\n  " + pkg + " 1.0 -> 1.1 (CVE-2099-0001): 1 container ("
                        + name + ")\n")
                .endsWith("1 of 2 running containers are stale; no container hides host system files\n");
    }

    private static JsonNode container(JsonNode report, String name) {
        for (JsonNode c : report.path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container " + name + " in " + report);
    }

    /** Version {@code version} of the test package: a copy of sleep, and a changelog whose 1.1 entry names a CVE. */
    private Path deb(String version) throws IOException {
        Path root = work.resolve("root-" + version);
        Files.createDirectories(root.resolve("DEBIAN"));
        Path bin = Files.createDirectories(root.resolve(binDir.toString().substring(1)));
        Files.copy(Path.of("/usr/bin/sleep"), bin.resolve("sleeper"), StandardCopyOption.COPY_ATTRIBUTES,
                StandardCopyOption.REPLACE_EXISTING);
        Path doc = Files.createDirectories(root.resolve("usr/share/doc").resolve(pkg));
        String changelog = pkg + " (1.0) unstable; urgency=low\n\n  * First release; CVE-2098-0001 is older.\n\n"
                + " -- rootfleet tests <tests@rootfleet.invalid>  Mon, 01 Jan 2098 00:00:00 +0000\n";
        if (version.equals("1.1")) {
            changelog = pkg + " (1.1) unstable; urgency=high\n\n  * Fix CVE-2099-0001 (a fake one, for rootfleet's tests).\n\n"
                    + " -- rootfleet tests <tests@rootfleet.invalid>  Thu, 01 Jan 2099 00:00:00 +0000\n\n" + changelog;
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(doc.resolve("changelog.Debian.gz")))) {
            out.write(changelog.getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(root.resolve("DEBIAN/control"), "Package: " + pkg + "\nVersion: " + version + "\nArchitecture: all\n"
                + "Maintainer: rootfleet tests <tests@rootfleet.invalid>\nDescription: rootfleet test package, safe to purge\n");
        Path deb = work.resolve(pkg + "_" + version + ".deb");
        Result built = exec(List.of("dpkg-deb", "--root-owner-group", "-Zgzip", "--build", root.toString(), deb.toString()));
        assertThat(built.exit()).as(built.output()).isZero();
        return deb;
    }

    private static boolean isInstalled(String pkg) {
        Result query = exec(List.of("dpkg-query", "-W", "-f", "${Status}", pkg));
        return query.exit() == 0 && !query.output().contains("not-installed") && !query.output().isBlank();
    }

    /** Runs dpkg with this test's log, waiting while another dpkg or apt holds its lock (dpkg itself does not wait). */
    private void dpkg(String... args) {
        List<String> argv = new ArrayList<>(List.of("dpkg", "--log=" + dpkgLog));
        argv.addAll(List.of(args));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            Result result = exec(argv);
            if (result.exit() == 0) {
                return;
            }
            if (!result.output().contains("lock") || System.nanoTime() > deadline) {
                throw new AssertionError(String.join(" ", argv) + " exited " + result.exit() + ": " + result.output());
            }
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        }
    }

    /** Purges rf-it-ID packages whose test run is gone (no owner file, see {@link TestHome}). */
    private void purgeLeftoverPackages() {
        Result list = exec(List.of("dpkg-query", "-W", "-f", "${Package} ${Status}\n", "rf-it-*"));
        for (String line : list.output().lines().toList()) {
            String name = line.split(" ")[0];
            if (name.matches("rf-it-[0-9a-f]{6}") && !line.contains("not-installed")
                    && !Files.exists(Path.of("/tmp", name + ".owner"))) {
                dpkg("--purge", name);
            }
        }
    }

    private record Result(int exit, String output) {}

    private static Result exec(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not finish in 120 s");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + argv, e);
        }
    }
}
