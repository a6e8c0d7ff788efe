package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SFTP-specific upload behaviour and messages; the general contract is in {@link RemoteHostContract}. The
 * "remote" host is this machine, so remote paths are checked directly on the local file system.
 */
class UploadIT {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(1);

    private static SshSession host;

    @TempDir(factory = ScratchDirectories.class)
    Path scratch;

    @BeforeAll
    static void connect() {
        host = new SshClient().connect(SSHD.harness().target(0));
    }

    @AfterAll
    static void disconnect() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void upload_ontoADirectory_failsBeforeWritingAnything() throws IOException {
        Path remoteRoot = SSHD.harness().newDirectory("blocked");
        Path remote = Files.createDirectories(remoteRoot.resolve("target"));
        Files.writeString(remote.resolve("inside"), "untouched");
        Path local = Files.writeString(scratch.resolve("file"), "content");

        assertThatThrownBy(() -> host.upload(local, remote.toString(), 0644))
                .isInstanceOf(UploadException.class)
                .hasMessage("uploading " + local + " to " + host.name() + ":" + remote + " failed: " + remote
                        + " is a directory; nothing was installed");
        assertThat(filesIn(remoteRoot)).containsExactly("target");
        assertThat(remote.resolve("inside")).hasContent("untouched");
    }

    @Test
    void uploadBatch_ofManyFilesInTwoNewDirectories_opensOneSftpChannelAndRunsTwoCommands() throws IOException {
        Path remoteRoot = SSHD.harness().newDirectory("batch-channels");
        List<FileUpload> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path local = Files.writeString(scratch.resolve("file-" + i), "content " + i + "\n");
            files.add(new FileUpload(local, remoteRoot + (i % 2 == 0 ? "/man/man1/" : "/bin/") + "file-" + i, 0640 + i % 2));
        }
        SessionCount before = SessionCount.now();

        host.upload(files);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SessionCount.now().minus(before))
                .as("mkdir -p and sha256sum, one SFTP channel for all writes, modes and renames")
                .isEqualTo(new SessionCount(2, 1)));
        for (FileUpload file : files) {
            assertThat(Path.of(file.remotePath())).hasSameBinaryContentAs(file.local());
            assertThat(Files.getPosixFilePermissions(Path.of(file.remotePath())))
                    .isEqualTo(PosixFilePermissions.fromString(file.mode() == 0640 ? "rw-r-----" : "rw-r----x"));
        }
        assertThat(filesIn(remoteRoot.resolve("man/man1"))).containsExactlyInAnyOrder("file-0", "file-2", "file-4");
        assertThat(filesIn(remoteRoot.resolve("bin"))).containsExactlyInAnyOrder("file-1", "file-3", "file-5");
    }

    @Test
    void uploadBatch_withADirectoryAmongTheTargets_namesThatFile_andChangesNothing() throws IOException {
        Path remoteRoot = SSHD.harness().newDirectory("batch-blocked");
        Path first = Files.writeString(remoteRoot.resolve("first"), "old first");
        Path blocked = Files.createDirectories(remoteRoot.resolve("blocked"));
        Path fresh = remoteRoot.resolve("new/fresh");
        Path one = Files.writeString(scratch.resolve("one"), "one");
        Path two = Files.writeString(scratch.resolve("two"), "two");

        assertThatThrownBy(() -> host.upload(List.of(new FileUpload(one, first.toString(), 0644),
                        new FileUpload(two, blocked.toString(), 0644), new FileUpload(one, fresh.toString(), 0644))))
                .isInstanceOf(UploadException.class)
                .hasMessage("uploading " + two + " to " + host.name() + ":" + blocked + " failed: " + blocked
                        + " is a directory; nothing was installed");
        assertThat(first).hasContent("old first");
        assertThat(filesIn(remoteRoot)).containsExactlyInAnyOrder("first", "blocked", "new");
        assertThat(filesIn(blocked)).isEmpty();
        assertThat(filesIn(fresh.getParent())).isEmpty();
    }

    @Test
    void uploadBatch_thatFailsAfterWritingSomeFiles_removesTheirTemporaries_andInstallsNothing() throws IOException {
        Path remoteRoot = SSHD.harness().newDirectory("batch-late");
        Path first = Files.writeString(remoteRoot.resolve("first"), "old first");
        Path local = Files.writeString(scratch.resolve("new"), "new");
        // nobody, not even root, can create a file in /proc: the second write fails after the first was written
        String unwritable = "/proc/rootfleet-upload-it-" + ProcessHandle.current().pid();

        assertThatThrownBy(() -> host.upload(List.of(new FileUpload(local, first.toString(), 0644),
                        new FileUpload(local, unwritable, 0644))))
                .isInstanceOf(UploadException.class)
                .hasMessageStartingWith("uploading " + local + " to " + host.name() + ":" + unwritable
                        + " failed while writing /proc/.rootfleet-upload-it-");
        assertThat(first).hasContent("old first");
        assertThat(filesIn(remoteRoot)).containsExactly("first");
        assertThat(Path.of(unwritable)).doesNotExist();
    }

    @Test
    void uploadBatch_whoseDirectoryCannotBeMade_namesAFileInIt() throws IOException {
        Path remoteRoot = SSHD.harness().newDirectory("batch-notadir");
        Files.writeString(remoteRoot.resolve("plain"), "");
        Path local = Files.writeString(scratch.resolve("file"), "content");
        String fine = remoteRoot + "/fine/file";
        String broken = remoteRoot + "/plain/sub/file";

        assertThatThrownBy(() -> host.upload(List.of(new FileUpload(local, fine, 0644), new FileUpload(local, broken, 0644))))
                .isInstanceOf(UploadException.class)
                .hasMessage("uploading " + local + " to " + host.name() + ":" + broken + " failed: mkdir -p -- "
                        + remoteRoot + "/fine " + remoteRoot + "/plain/sub exited with status 1: mkdir: cannot create"
                        + " directory '" + remoteRoot + "/plain': Not a directory");
        assertThat(Path.of(fine)).doesNotExist();
    }

    @Test
    void upload_whenParentIsAFile_saysWhyTheDirectoryCannotBeCreated() throws IOException {
        Path remoteRoot = SSHD.harness().newDirectory("notadir");
        Files.writeString(remoteRoot.resolve("plain"), "");
        String remote = remoteRoot.resolve("plain/sub/file").toString();
        Path local = Files.writeString(scratch.resolve("file"), "content");

        assertThatThrownBy(() -> host.upload(local, remote, 0644))
                .isInstanceOf(UploadException.class)
                .hasMessage("uploading " + local + " to " + host.name() + ":" + remote + " failed: mkdir -p -- "
                        + remoteRoot + "/plain/sub exited with status 1: mkdir: cannot create directory '"
                        + remoteRoot + "/plain': Not a directory");
    }

    @Test
    void upload_refusesPathsThatSftpWouldTreatAsPatterns() throws IOException {
        Path local = Files.writeString(scratch.resolve("file"), "content");

        assertThatThrownBy(() -> host.upload(local, "/tmp/rf-ssh-x/*.bin", 0644))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remote path '/tmp/rf-ssh-x/*.bin' contains a control character or one of * ? [ ] \\,"
                        + " which SFTP tools treat as patterns; choose a plain path");
        assertThatThrownBy(() -> host.upload(local, "relative/file", 0644))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remote path 'relative/file' must be an absolute file path, e.g."
                        + " /usr/local/bin/rootfleet-agent");
    }

    @Test
    void upload_thatRunsOutOfTime_failsWithoutTouchingTheTarget() throws IOException {
        Path local = Files.writeString(scratch.resolve("file"), "content");
        Path remote = SSHD.harness().newDirectory("slow").resolve("file");
        SshTarget impatient = SSHD.harness().target(0).withCommandTimeout(Duration.ofMillis(1));

        try (SshSession session = new SshClient().connect(impatient)) {
            assertThatThrownBy(() -> session.upload(local, remote.toString(), 0644))
                    .isInstanceOf(UploadException.class)
                    .hasMessage("uploading " + local + " to " + session.name() + ":" + remote + " did not finish"
                            + " within 1ms; raise the command timeout for large files or slow links");
        }
        assertThat(remote).doesNotExist();
    }

    /** Sessions the sshd started so far, as its log says ("Starting session: command ..." or "subsystem 'sftp'"). */
    private record SessionCount(long commands, long sftp) {
        static SessionCount now() {
            List<String> lines = SSHD.harness().host(0).log().lines().toList();
            return new SessionCount(lines.stream().filter(line -> line.startsWith("Starting session: command ")).count(),
                    lines.stream().filter(line -> line.startsWith("Starting session: subsystem 'sftp' ")).count());
        }

        SessionCount minus(SessionCount other) {
            return new SessionCount(commands - other.commands, sftp - other.sftp);
        }
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
