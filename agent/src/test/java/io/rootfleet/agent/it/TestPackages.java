package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rootfleet.agent.host.SafeDelete;
import io.rootfleet.agent.sys.Kernel;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The package tests' tools for their own {@code rf-it-ID} packages in the host's dpkg database: dpkg with the
 * test's own log (never /var/log/dpkg.log), waiting while another dpkg or apt holds its lock; building a
 * {@code .deb}; purging the packages of runs that are gone. Tests that use it hold {@link GlobalResources#DPKG}.
 */
final class TestPackages {
    /** How a command ended: its exit code and its output (stdout and stderr together). */
    record Result(int exit, String output) {}

    private final Path dpkgLog;

    /** dpkg runs logging to {@code dpkgLog}. */
    TestPackages(Path dpkgLog) {
        this.dpkgLog = dpkgLog;
    }

    /** Runs dpkg with this test's log, waiting while another dpkg or apt holds its lock (dpkg itself does not wait). */
    void dpkg(String... args) {
        Result result = dpkg(Map.of(), args);
        if (result.exit() != 0) {
            throw new AssertionError("dpkg " + String.join(" ", args) + " exited " + result.exit() + ": " + result.output());
        }
    }

    /** As {@link #dpkg(String...)}, with {@code env}; returns how the last try ended. */
    Result dpkg(Map<String, String> env, String... args) {
        List<String> argv = new ArrayList<>(List.of("dpkg", "--log=" + dpkgLog));
        argv.addAll(List.of(args));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            Result result = run(argv, env, Duration.ofMinutes(2));
            if (result.exit() == 0 || !result.output().contains("lock") || System.nanoTime() > deadline) {
                return result;
            }
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        }
    }

    /** Purges rf-it-ID packages whose test run is gone (no owner file, see {@link TestHome}). */
    void purgeLeftovers() {
        Result list = run(List.of("dpkg-query", "-W", "-f", "${Package} ${Status}\n", "rf-it-*"), Map.of(), Duration.ofSeconds(30));
        for (String line : list.output().lines().toList()) {
            String name = line.split(" ")[0];
            if (name.matches("rf-it-[0-9a-f]{6}") && !line.contains("not-installed")
                    && !Files.exists(Path.of("/tmp", name + ".owner"))) {
                dpkg("--purge", name);
            }
        }
    }

    /**
     * Purges {@code pkg} if it is installed and deletes {@code files}, the directory the test put its files in, the
     * way the project deletes every tree (SafeDelete: never across a mount point).
     */
    void remove(String pkg, Path files) {
        if (isInstalled(pkg)) {
            dpkg("--purge", pkg);
        }
        new SafeDelete(Kernel.get()).deleteTree(files);
    }

    static boolean isInstalled(String pkg) {
        Result query = run(List.of("dpkg-query", "-W", "-f", "${Status}", pkg), Map.of(), Duration.ofSeconds(30));
        return query.exit() == 0 && !query.output().contains("not-installed") && !query.output().isBlank();
    }

    /** Builds {@code deb} from the package tree {@code root} (with its {@code DEBIAN/control}), files owned by root. */
    static Path build(Path root, Path deb) {
        Result built = run(List.of("dpkg-deb", "--root-owner-group", "-Zgzip", "--build", root.toString(), deb.toString()),
                Map.of(), Duration.ofSeconds(60));
        assertThat(built.exit()).as(built.output()).isZero();
        return deb;
    }

    /** Runs {@code argv} with {@code env} added, no input, within {@code timeout}. */
    static Result run(List<String> argv, Map<String, String> env, Duration timeout) {
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not finish in " + timeout);
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
