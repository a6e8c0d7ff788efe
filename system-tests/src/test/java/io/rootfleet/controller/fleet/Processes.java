package io.rootfleet.controller.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a local command for the tests: argv (never a shell string), a timeout, its result as a value. */
final class Processes {
    private Processes() {}

    /** What a command did. */
    record Result(List<String> argv, int exit, String stdout, String stderr) {
        /** This result, if the command exited 0. */
        Result orThrow() {
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited with " + exit + ": " + stderr.strip()
                        + (stdout.isBlank() ? "" : " (stdout: " + stdout.strip() + ")"));
            }
            return this;
        }
    }

    static Result run(List<String> argv, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
        CompletableFuture<String> stdout = readAsync(process.getInputStream());
        CompletableFuture<String> stderr = readAsync(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(String.join(" ", argv) + " did not finish within " + timeout);
            }
            return new Result(List.copyOf(argv), process.exitValue(), stdout.get(10, TimeUnit.SECONDS),
                    stderr.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("lost the output of " + argv, e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** A thread per stream: the common pool may have a single thread, and reading blocks. */
    private static CompletableFuture<String> readAsync(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        }, "rf-fleet-test-reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
