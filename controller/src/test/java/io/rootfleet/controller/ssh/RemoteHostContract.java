package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link RemoteHost} must do, run against each implementation by a subclass (today
 * {@link SshSessionIT}; a local process implementation would get its own). The host must see this machine's file
 * system, so that tests can check remote files directly.
 */
public abstract class RemoteHostContract {
    @TempDir(factory = ScratchDirectories.class)
    protected Path scratch;

    /** The implementation under test, connected; it stays open across tests. */
    protected abstract RemoteHost host();

    /** A new empty directory that the host can use and the test can inspect. */
    protected abstract Path sharedDirectory(String name);

    @Test
    void run_streamsStdoutLinesInOrderAndFeedsStdin() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        byte[] stdin = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);

        CommandResult result = host().run(
                List.of("sh", "-c", "while read -r line; do echo \"got $line\"; done"),
                stdin,
                Duration.ofSeconds(10),
                seen::add);

        assertThat(seen).containsExactly("got one", "got two", "got three");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("got one\ngot two\ngot three\n");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void run_deliversEachLineWhileTheCommandStillRuns() throws Exception {
        // The command prints a line, then waits for a file that only the listener creates on seeing that line:
        // it can finish only if lines are delivered as they arrive, not at the end.
        Path marker = sharedDirectory("marker").resolve("seen-first");
        List<String> seen = new ArrayList<>();
        String script = "echo first; while [ ! -e \"$1\" ]; do sleep 0.01; done; echo second";

        CommandResult result = host().run(
                List.of("sh", "-c", script, "sh", marker.toString()), new byte[0], Duration.ofSeconds(10), line -> {
                    seen.add(line);
                    if (line.equals("first")) {
                        touch(marker);
                    }
                });

        assertThat(seen).containsExactly("first", "second");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void run_passesNonZeroExitStatusThroughWithStderr() {
        CommandResult result = host().run(
                List.of("sh", "-c", "echo partial; echo 'something broke' >&2; exit 3"), Duration.ofSeconds(10));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout()).isEqualTo("partial\n");
        assertThat(result.stderr()).isEqualTo("something broke\n");
        assertThatThrownBy(result::requireSuccess)
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("command sh -c 'echo partial; echo '\\''something broke'\\'' >&2; exit 3' failed on "
                        + host().name() + " with exit status 3; stderr: something broke");
    }

    @Test
    void run_deliversHostileArgumentsIntact() {
        List<String> hostile = List.of(
                "two words",
                "it's",
                "\"double\"",
                "$HOME",
                "${PATH}",
                "`id`",
                "$(id)",
                "line one\nline two",
                "",
                "*",
                "; rm -rf /nonexistent",
                "back\\slash",
                "tab\there",
                "-n",
                "--",
                "FOO=bar",
                "héllo ✓");
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(hostile);

        CommandResult result = host().run(argv, Duration.ofSeconds(10));

        assertThat(result.exitCode()).isZero();
        assertThat(Arrays.asList(result.stdout().split("\0", -1))).containsExactlyElementsOf(withEmptyTail(hostile));
    }

    @Test
    void run_largeStdinAndStdoutAtOnceDoNotDeadlock() {
        String lines = IntStream.range(0, 100_000)
                .mapToObj(i -> "line " + i + " with some padding to make it longer")
                .collect(Collectors.joining("\n", "", "\n"));
        List<String> seen = new ArrayList<>();

        CommandResult result = host().run(
                List.of("cat"), lines.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20), seen::add);

        assertThat(result.exitCode()).isZero();
        assertThat(seen).hasSize(100_000);
        assertThat(seen.get(99_999)).isEqualTo("line 99999 with some padding to make it longer");
        assertThat(result.stdout()).isEqualTo(lines);
    }

    @Test
    void run_timesOutWithoutHangingAndStopsTheCommand() {
        // sshd ignores signal requests for root logins, so a timed-out command is stopped by its closed
        // output: it ends at its next write (EPIPE), as the agent, which reports progress, would.
        Path pidFile = sharedDirectory("timeout").resolve("pid");
        String script = "echo $$ > \"$1\"; while echo tick; do sleep 0.05; done";
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();

        assertThatThrownBy(() -> host().run(
                        List.of("sh", "-c", script, "sh", pidFile.toString()),
                        new byte[0],
                        Duration.ofSeconds(3), // time for a session and a shell to start on a busy machine
                        seen::add))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessage("command sh -c " + ShellQuoting.quote(script) + " sh " + pidFile + " on " + host().name()
                        + " did not finish within 3s and was stopped; raise the timeout if it needs longer");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(seen).contains("tick");
        long pid = Long.parseLong(read(pidFile).trim());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
        assertThat(host().run(List.of("echo", "still usable"), Duration.ofSeconds(5)).stdout())
                .isEqualTo("still usable\n");
    }

    @Test
    void run_commandKilledBySignalHasNoExitStatus() {
        assertThatThrownBy(() -> host().run(List.of("sh", "-c", "echo dying >&2; kill -9 $$"), Duration.ofSeconds(10)))
                .isInstanceOf(CommandException.class)
                // root's login shell may write to stderr first (this machine's pyenv does when shells start at once)
                .hasMessageStartingWith("command sh -c 'echo dying >&2; kill -9 $$' on " + host().name()
                        + " was killed by signal KILL; stderr: ")
                .hasMessageEndingWith("dying");
    }

    @Test
    void run_manyCommandsAtOnce() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<String> outputs = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            String word = "word-" + i;
            Thread thread = new Thread(() -> outputs.add(host().run(List.of("echo", word), Duration.ofSeconds(10))
                    .stdout()
                    .strip()));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(outputs).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 8).mapToObj(i -> "word-" + i).toList());
    }

    @Test
    void upload_createsParentsSetsModeAndLeavesNoTemporaryFile() throws IOException {
        Path local = randomFile(scratch.resolve("payload.bin"), 3 * 1024 * 1024 + 17);
        Path remoteRoot = sharedDirectory("upload");
        Path remote = remoteRoot.resolve("a/b/payload.bin");

        host().upload(local, remote.toString(), 0640);

        assertThat(remote).hasSameBinaryContentAs(local);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(remote))).isEqualTo("rw-r-----");
        assertThat(filesIn(remote.getParent())).containsExactly("payload.bin");
    }

    @Test
    void upload_replacesExistingFileByRenameNotInPlace() throws IOException {
        Path remoteRoot = sharedDirectory("replace");
        Path remote = remoteRoot.resolve("rootfleet-agent");
        Files.writeString(remote, "old version\n");
        Path oldLink = Files.createLink(remoteRoot.resolve("old-link"), remote);
        Object oldInode = Files.getAttribute(remote, "unix:ino");
        Path local = Files.writeString(scratch.resolve("new"), "#!/bin/sh\necho new version\n");

        host().upload(local, remote.toString(), 0755);

        assertThat(Files.getAttribute(remote, "unix:ino")).isNotEqualTo(oldInode);
        assertThat(oldLink).hasContent("old version");
        assertThat(host().run(List.of(remote.toString()), Duration.ofSeconds(5)).stdout()).isEqualTo("new version\n");
        assertThat(filesIn(remoteRoot)).containsExactlyInAnyOrder("rootfleet-agent", "old-link");
    }

    @Test
    void upload_ofAMissingLocalFile_saysSo() {
        Path missing = scratch.resolve("missing");

        assertThatThrownBy(() -> host().upload(missing, "/tmp/rf-ssh-never/file", 0644))
                .isInstanceOf(UploadException.class)
                .hasMessageStartingWith("cannot read " + missing + " to upload it: ");
    }

    @Test
    void upload_thatFails_leavesTheTargetAndNoTemporaryFile() throws IOException {
        Path remoteRoot = sharedDirectory("blocked");
        Path remote = Files.createDirectories(remoteRoot.resolve("target"));
        Files.writeString(remote.resolve("inside"), "untouched");
        Path local = Files.writeString(scratch.resolve("file"), "content");

        assertThatThrownBy(() -> host().upload(local, remote.toString(), 0644))
                .isInstanceOf(UploadException.class)
                .hasMessageStartingWith("uploading " + local + " to " + host().name() + ":" + remote + " failed");
        assertThat(filesIn(remoteRoot)).containsExactly("target");
        assertThat(remote.resolve("inside")).hasContent("untouched");
    }

    @Test
    void uploadBatch_installsEveryFileWithItsBytesAndMode_inNewDirectories() throws IOException {
        Path remoteRoot = sharedDirectory("batch");
        Path big = randomFile(scratch.resolve("big.bin"), 1024 * 1024 + 3);
        List<FileUpload> files = new ArrayList<>(List.of(
                new FileUpload(big, remoteRoot + "/lib/big.bin", 0644),
                new FileUpload(Files.writeString(scratch.resolve("tool"), "#!/bin/sh\necho tool\n"), remoteRoot + "/bin/tool", 0755)));
        for (int i = 0; i < 3; i++) {
            files.add(new FileUpload(Files.writeString(scratch.resolve("page-" + i), "page " + i), remoteRoot + "/lib/page-" + i, 0600));
        }

        host().upload(files);

        for (FileUpload file : files) {
            assertThat(Path.of(file.remotePath())).hasSameBinaryContentAs(file.local());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(remoteRoot + "/bin/tool"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(remoteRoot + "/lib/big.bin"))))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(remoteRoot + "/lib/page-2"))))
                .isEqualTo("rw-------");
        assertThat(filesIn(remoteRoot.resolve("lib"))).containsExactlyInAnyOrder("big.bin", "page-0", "page-1", "page-2");
        assertThat(filesIn(remoteRoot.resolve("bin"))).containsExactly("tool");
    }

    @Test
    void uploadBatch_withADirectoryAmongTheTargets_failsNamingIt_andInstallsNothing() throws IOException {
        Path remoteRoot = sharedDirectory("batch-blocked");
        Path first = Files.writeString(remoteRoot.resolve("first"), "old first");
        Path blocked = Files.createDirectories(remoteRoot.resolve("blocked"));
        Path local = Files.writeString(scratch.resolve("new"), "new");

        assertThatThrownBy(() -> host().upload(List.of(
                        new FileUpload(local, first.toString(), 0644),
                        new FileUpload(local, blocked.toString(), 0644),
                        new FileUpload(local, remoteRoot + "/third", 0644))))
                .isInstanceOf(UploadException.class)
                .hasMessageStartingWith("uploading " + local + " to " + host().name() + ":" + blocked + " failed");
        assertThat(first).hasContent("old first");
        assertThat(filesIn(remoteRoot)).containsExactlyInAnyOrder("first", "blocked");
        assertThat(filesIn(blocked)).isEmpty();
    }

    /** {@code printf '%s\0'} ends every word with NUL, so splitting leaves an empty string after the last. */
    private static List<String> withEmptyTail(List<String> words) {
        List<String> expected = new ArrayList<>(words);
        expected.add("");
        return expected;
    }

    private static Path randomFile(Path file, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return Files.write(file, bytes);
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    private static void touch(Path file) {
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
