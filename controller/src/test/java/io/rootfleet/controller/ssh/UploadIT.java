package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The "remote" host is this machine, so remote paths are checked directly on the local file system. */
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
    void upload_createsParentsSetsModeAndLeavesNoTemporaryFile() throws IOException {
        Path local = randomFile(scratch.resolve("payload.bin"), 3 * 1024 * 1024 + 17);
        Path remoteRoot = SSHD.harness().newDirectory("upload");
        Path remote = remoteRoot.resolve("a/b/payload.bin");

        host.upload(local, remote.toString(), 0640);

        assertThat(remote).hasSameBinaryContentAs(local);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(remote))).isEqualTo("rw-r-----");
        assertThat(filesIn(remote.getParent())).containsExactly("payload.bin");
    }

    @Test
    void upload_replacesExistingFileByRenameNotInPlace() throws IOException {
        Path remoteRoot = SSHD.harness().newDirectory("replace");
        Path remote = remoteRoot.resolve("rootfleet-agent");
        Files.writeString(remote, "old version\n");
        Path oldLink = Files.createLink(remoteRoot.resolve("old-link"), remote);
        Object oldInode = Files.getAttribute(remote, "unix:ino");
        Path local = Files.writeString(scratch.resolve("new"), "#!/bin/sh\necho new version\n");

        host.upload(local, remote.toString(), 0755);

        assertThat(Files.getAttribute(remote, "unix:ino")).isNotEqualTo(oldInode);
        assertThat(oldLink).hasContent("old version");
        assertThat(host.run(List.of(remote.toString()), Duration.ofSeconds(5)).stdout()).isEqualTo("new version\n");
        assertThat(filesIn(remoteRoot)).containsExactlyInAnyOrder("rootfleet-agent", "old-link");
    }

    @Test
    void upload_ontoADirectory_failsAndCleansUp() throws IOException {
        Path remoteRoot = SSHD.harness().newDirectory("blocked");
        Path remote = Files.createDirectories(remoteRoot.resolve("target"));
        Files.writeString(remote.resolve("inside"), "untouched");
        Path local = Files.writeString(scratch.resolve("file"), "content");

        assertThatThrownBy(() -> host.upload(local, remote.toString(), 0644))
                .isInstanceOf(UploadException.class)
                .hasMessageStartingWith("uploading " + local + " to " + host.name() + ":" + remote
                        + " failed while renaming " + remoteRoot + "/.target.rootfleet-")
                .hasMessageEndingWith(".tmp into place: SSH_FX_FAILURE: Failure (" + remote + " is a directory)");
        assertThat(filesIn(remoteRoot)).containsExactly("target");
        assertThat(remote.resolve("inside")).hasContent("untouched");
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
    void upload_ofAMissingLocalFile_saysSo() {
        Path missing = scratch.resolve("missing");

        assertThatThrownBy(() -> host.upload(missing, "/tmp/rf-ssh-never/file", 0644))
                .isInstanceOf(UploadException.class)
                .hasMessageStartingWith("cannot read " + missing + " to upload it: ");
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
}
