package io.rootfleet.agent.boot;

import io.rootfleet.agent.sys.AtomicFiles;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.agent.sys.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Installs the boot unit below a root directory ({@code /} on a real host) and enables it with {@code
 * systemctl --root}, which only links files: it works whether or not systemd runs. When systemd does run
 * the host, it is told to reload its units.
 */
public final class BootUnitInstaller {
    private static final Duration SYSTEMCTL_TIMEOUT = Duration.ofSeconds(60);
    private static final Path RUNNING_SYSTEMD = Path.of("/run/systemd/system");

    private final ProcessRunner runner;
    private final Path root;

    public BootUnitInstaller(ProcessRunner runner, Path root) {
        this.runner = runner;
        this.root = root.toAbsolutePath().normalize();
    }

    public Path unitFile() {
        return root.resolve(BootUnit.UNIT_DIR).resolve(BootUnit.NAME);
    }

    /** Writes (or rewrites) the unit and enables it; returns what was done, line by line. */
    public List<String> install(BootUnit unit) {
        Path file = unitFile();
        refuseForeign(file);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, unit.render(), PosixFilePermissions.fromString("rw-r--r--"));
        List<String> done = new ArrayList<>(List.of("wrote " + file));
        systemctl("enable").ifPresent(done::add);
        reloadIfRunning().ifPresent(done::add);
        return done;
    }

    /** Disables and removes the unit if this agent wrote it; returns what was done (nothing when not installed). */
    public List<String> uninstall() {
        Path file = unitFile();
        if (!Files.exists(file)) {
            return List.of();
        }
        refuseForeign(file);
        List<String> done = new ArrayList<>();
        systemctl("disable").ifPresent(done::add);
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
        done.add("removed " + file);
        reloadIfRunning().ifPresent(done::add);
        return done;
    }

    private Optional<String> systemctl(String verb) {
        ProcessResult result = runner.run(List.of("systemctl", "--root=" + root, verb, BootUnit.NAME), SYSTEMCTL_TIMEOUT);
        if (!result.succeeded()) {
            throw new IllegalStateException("systemctl " + verb + " " + BootUnit.NAME + " failed (exit " + result.exitCode()
                    + "): " + (result.stderr() + result.stdout()).strip());
        }
        return Optional.of(verb + "d " + BootUnit.NAME);
    }

    private Optional<String> reloadIfRunning() {
        if (!root.equals(Path.of("/")) || !Files.isDirectory(RUNNING_SYSTEMD)) {
            return Optional.empty();
        }
        ProcessResult result = runner.run(List.of("systemctl", "daemon-reload"), SYSTEMCTL_TIMEOUT);
        return Optional.of(result.succeeded() ? "reloaded systemd" : "systemctl daemon-reload failed: " + result.stderr().strip());
    }

    private static void refuseForeign(Path file) {
        try {
            if (Files.exists(file) && !BootUnit.isOurs(Files.readString(file))) {
                throw new ForeignUnitException(file + " exists and was not written by rootfleet-agent; it is left as"
                        + " it is. Remove or rename it first if it should be replaced.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A unit of that name exists and is not ours. */
    public static final class ForeignUnitException extends RuntimeException {
        ForeignUnitException(String message) {
            super(message);
        }
    }
}
