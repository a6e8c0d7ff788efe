package io.rootfleet.controller.push;

import io.rootfleet.controller.ssh.CommandException;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.CommandTimeoutException;
import io.rootfleet.controller.ssh.LineListener;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.UploadException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link RemoteHost} for {@code connection: local}: the same commands, run on this machine without SSH. */
public final class LocalHost implements RemoteHost {
    private final String name;

    public LocalHost(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name + " (local)";
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin, Duration timeout, LineListener stdoutLines) {
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new CommandException("cannot run " + argv.get(0) + " on " + name() + ": " + e.getMessage());
        }
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        CompletableFuture<Void> input = CompletableFuture.runAsync(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException ignored) {
                // the command exited without reading its input; its exit status says why
            }
        });
        StringBuilder stdout = new StringBuilder();
        CompletableFuture<Void> output = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    stdout.append(line).append('\n');
                    stdoutLines.onLine(line);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CommandTimeoutException("'" + String.join(" ", argv) + "' did not finish within "
                        + timeout.toSeconds() + "s on " + name() + "; it was stopped");
            }
            output.get(10, TimeUnit.SECONDS);
            input.get(10, TimeUnit.SECONDS);
            return new CommandResult(argv, name(), process.exitValue(), stdout.toString(), stderr.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new CommandException("interrupted while running " + argv.get(0) + " on " + name());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CommandException("lost the output of " + argv.get(0) + " on " + name() + ": " + e.getMessage());
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void upload(Path local, String remotePath, int mode) {
        Path target = Path.of(remotePath);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.copy(local, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(temp, permissions(mode));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UploadException("cannot install " + local + " at " + remotePath + " on " + name() + ": " + e.getMessage());
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    @Override
    public void close() {}
}
