package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
