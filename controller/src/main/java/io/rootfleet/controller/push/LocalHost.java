package io.rootfleet.controller.push;

import io.rootfleet.controller.ssh.CommandException;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.CommandTimeoutException;
import io.rootfleet.controller.ssh.Durations;
import io.rootfleet.controller.ssh.FileUpload;
import io.rootfleet.controller.ssh.LineListener;
import io.rootfleet.controller.ssh.LineSplitter;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.ShellQuoting;
import io.rootfleet.controller.ssh.UploadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    public CommandResult run(List<String> argv, InputStream stdin, Duration timeout, LineListener stdoutLines) {
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new CommandException("cannot run " + argv.get(0) + " on " + name() + ": " + e.getMessage());
        }
        // each stream gets a thread of its own: on a shared pool, readers blocked on one host's stderr could
        // starve another host's stdout reader while its agent waits on a full pipe
        ExecutorService streams = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "rootfleet-local-io");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return run(argv, stdin, timeout, stdoutLines, process, streams);
        } finally {
            streams.shutdownNow();
        }
    }

    private CommandResult run(List<String> argv, InputStream stdin, Duration timeout, LineListener stdoutLines, Process process,
            ExecutorService streams) {
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), streams);
        CompletableFuture<Void> input = CompletableFuture.runAsync(() -> {
            try (OutputStream in = process.getOutputStream()) {
                stdin.transferTo(in);
            } catch (IOException ignored) {
                // the command exited without reading its input; its exit status says why
            }
        }, streams);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        CompletableFuture<Void> output = CompletableFuture.runAsync(() -> {
            try (InputStream in = process.getInputStream(); LineSplitter lines = new LineSplitter(stdoutLines)) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    stdout.write(buffer, 0, n);
                    lines.write(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, streams);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CommandTimeoutException("command " + ShellQuoting.display(argv) + " on " + name()
                        + " did not finish within " + Durations.human(timeout)
                        + " and was stopped; raise the timeout if it needs longer");
            }
            output.get(10, TimeUnit.SECONDS);
            // not waited for: a terminal or a pipe the command never read may never end; shutdownNow stops it
            input.cancel(true);
            String errors = stderr.get(10, TimeUnit.SECONDS);
            int exit = process.exitValue();
            if (exit > 128 && exit <= 128 + 64) {
                // Java reports a process killed by signal N as 128 + N: the same as having no exit status over SSH
                throw new CommandException("command " + ShellQuoting.display(argv) + " on " + name() + " was killed by signal "
                        + signalName(exit - 128) + (errors.isBlank() ? "" : "; stderr: " + errors.strip()));
            }
            return new CommandResult(argv, name(), exit, stdout.toString(StandardCharsets.UTF_8), errors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new CommandException("interrupted while running " + argv.get(0) + " on " + name());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CommandException("lost the output of " + argv.get(0) + " on " + name() + ": " + e.getMessage());
        }
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> "HUP";
            case 2 -> "INT";
            case 3 -> "QUIT";
            case 6 -> "ABRT";
            case 9 -> "KILL";
            case 11 -> "SEGV";
            case 13 -> "PIPE";
            case 15 -> "TERM";
            default -> String.valueOf(signal);
        };
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

    /**
     * Copies each file beside its target under a temporary name with its mode, then renames them all into place:
     * a target that is a directory stops the batch before anything is written, and a failure while copying
     * removes every temporary file, so such a batch installs nothing.
     */
    @Override
    public void upload(List<FileUpload> files) {
        for (FileUpload file : files) {
            if (!Files.isReadable(file.local()) || Files.isDirectory(file.local())) {
                throw new UploadException("cannot read " + file.local() + " to upload it: no such readable file");
            }
            if (Files.isDirectory(Path.of(file.remotePath()), LinkOption.NOFOLLOW_LINKS)) {
                throw new UploadException(uploading(file) + " failed: " + file.remotePath()
                        + " is a directory; nothing was installed");
            }
        }
        List<Path> temporaries = new ArrayList<>(); // the i-th file's, until it is renamed into place
        List<String> installed = new ArrayList<>();
        FileUpload current = null;
        try {
            for (FileUpload file : files) {
                current = file;
                Path target = Path.of(file.remotePath());
                Files.createDirectories(target.getParent());
                Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                temporaries.add(temp);
                Files.copy(file.local(), temp, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(temp, permissions(file.mode()));
            }
            for (int i = 0; i < files.size(); i++) {
                current = files.get(i);
                Files.move(temporaries.get(i), Path.of(current.remotePath()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                temporaries.set(i, null);
                installed.add(current.remotePath());
            }
        } catch (IOException e) {
            for (Path temp : temporaries) {
                try {
                    if (temp != null) {
                        Files.deleteIfExists(temp);
                    }
                } catch (IOException ignored) {
                    // the failure below is what matters
                }
            }
            throw new UploadException(uploading(current) + " failed: " + e.getMessage()
                    + (installed.isEmpty() ? "" : "; installed before it: " + String.join(", ", installed)), e);
        }
    }

    private String uploading(FileUpload file) {
        return "uploading " + file.local() + " to " + name() + ":" + file.remotePath();
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
