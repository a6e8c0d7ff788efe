package io.rootfleet.controller.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a short local tool (ssh-keygen, ssh-add, sh) for tests: argv, a timeout, output or a clear failure. */
public final class LocalCommand {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private LocalCommand() {}

    /** Runs {@code argv} and returns its stdout and stderr together; fails unless it exits 0 within 20s. */
    public static String run(List<String> argv) {
        return run(argv, Map.of(), new byte[0]);
    }

    public static String run(List<String> argv, Map<String, String> environment, byte[] stdin) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
        try {
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process));
            try (var in = process.getOutputStream()) {
                in.write(stdin);
            }
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(argv + " did not finish within " + TIMEOUT);
            }
            String text = new String(output.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(argv + " exited with " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("running " + argv + " failed", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
