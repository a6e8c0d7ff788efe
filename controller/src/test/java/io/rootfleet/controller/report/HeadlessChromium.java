package io.rootfleet.controller.report;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium}, headless, for the tests that look at the HTML report as a browser shows it: the DOM
 * after rendering ({@code --dump-dom}) and a screenshot. Each run has its own throw-away profile directory, and
 * no network: the page must not need any.
 */
public final class HeadlessChromium {
    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The installed chromium; the test is skipped, saying how to install it, when there is none. */
    public static HeadlessChromium require() {
        Optional<Path> found = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), "chromium is not installed, so the HTML report is not rendered;"
                + " install it with `apt-get install chromium` (bin/setup-tests does)");
        return new HeadlessChromium(found.get());
    }

    /** The page's DOM once chromium has loaded and laid it out. */
    public String dumpDom(Path page) {
        return run(page, List.of("--dump-dom"), null);
    }

    /** A PNG of the page, {@code width} by {@code height} CSS pixels. */
    public void screenshot(Path page, Path png, int width, int height) {
        run(page, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars"), png);
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium wrote no screenshot to " + png);
        }
    }

    private String run(Path page, List<String> what, Path output) {
        Path profile;
        try {
            profile = Files.createTempDirectory("rf-h12c-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--proxy-server=127.0.0.1:9", "--user-data-dir=" + profile));
        argv.addAll(what);
        argv.add(page.toAbsolutePath().toUri().toString());
        try {
            Path stdout = profile.resolve("stdout");
            Process process = new ProcessBuilder(argv).redirectInput(new File("/dev/null")).redirectOutput(stdout.toFile())
                    .redirectError(profile.resolve("stderr").toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + argv);
            }
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("chromium exited with " + process.exitValue() + ": "
                        + Files.readString(profile.resolve("stderr"), StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a profile left in /tmp is harmless
        }
    }
}
