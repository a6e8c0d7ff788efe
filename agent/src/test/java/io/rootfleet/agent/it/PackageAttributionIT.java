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
    private TestPackages packages;
    private Path binDir;

    @BeforeEach
    void setUp() throws IOException {
        t = new TestHome();
        pkg = "rf-it-" + t.id;
        work = Files.createDirectories(t.dir.resolve("pkg-it"));
        dpkgLog = work.resolve("dpkg.log");
        packages = new TestPackages(dpkgLog);
        binDir = Path.of("/usr/lib", pkg); // not /usr/local: no package installs there
        packages.purgeLeftovers();
    }

    @AfterEach
    void tearDown() {
        try {
            packages.remove(pkg, binDir);
        } finally {
            t.close();
        }
    }

    @Test
    void upgradedPackage_namesItsVersionChangeAndTheCveItsChangelogNames() throws IOException {
        String name = t.name("rf-h12b-pkg");
        String other = t.name("rf-h12b-plain");
        packages.dpkg("-i", deb("1.0").toString());
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

        packages.dpkg("-i", deb("1.1").toString());

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
        return TestPackages.build(root, work.resolve(pkg + "_" + version + ".deb"));
    }

}
