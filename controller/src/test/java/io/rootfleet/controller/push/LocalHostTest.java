package io.rootfleet.controller.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.controller.ssh.FileUpload;
import io.rootfleet.controller.ssh.UploadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalHost}'s batch upload: local copies only, so a unit test; the whole contract is in {@link LocalHostIT}. */
class LocalHostTest {
    private final LocalHost host = new LocalHost("here");

    @TempDir
    Path dir;

    @Test
    void uploadBatch_installsEveryFileWithItsMode_inNewDirectories() throws IOException {
        Path jar = Files.writeString(dir.resolve("agent.jar"), "jar");
        Path launcher = Files.writeString(dir.resolve("launcher"), "#!/bin/sh\n");
        Path target = dir.resolve("target");

        host.upload(List.of(new FileUpload(jar, target + "/lib/agent.jar", 0644),
                new FileUpload(launcher, target + "/bin/rootfleet-agent", 0755)));

        assertThat(target.resolve("lib/agent.jar")).hasContent("jar");
        assertThat(target.resolve("bin/rootfleet-agent")).hasContent("#!/bin/sh");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("bin/rootfleet-agent"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("lib/agent.jar"))))
                .isEqualTo("rw-r--r--");
        assertThat(filesIn(target.resolve("lib"))).containsExactly("agent.jar");
        assertThat(filesIn(target.resolve("bin"))).containsExactly("rootfleet-agent");
    }

    @Test
    void uploadBatch_withADirectoryTarget_namesIt_andWritesNothing() throws IOException {
        Path local = Files.writeString(dir.resolve("new"), "new");
        Path target = Files.createDirectories(dir.resolve("target"));
        Path first = Files.writeString(target.resolve("first"), "old");
        Path blocked = Files.createDirectories(target.resolve("blocked"));

        assertThatThrownBy(() -> host.upload(List.of(new FileUpload(local, first.toString(), 0644),
                        new FileUpload(local, blocked.toString(), 0644))))
                .isInstanceOf(UploadException.class)
                .hasMessage("uploading " + local + " to here (local):" + blocked + " failed: " + blocked
                        + " is a directory; nothing was installed");
        assertThat(first).hasContent("old");
        assertThat(filesIn(target)).containsExactlyInAnyOrder("first", "blocked");
    }

    @Test
    void uploadBatch_thatFailsAfterCopyingSomeFiles_removesTheirTemporaries_andInstallsNothing() throws IOException {
        Path local = Files.writeString(dir.resolve("new"), "new");
        Path target = Files.createDirectories(dir.resolve("target"));
        Path first = Files.writeString(target.resolve("first"), "old");
        Files.writeString(target.resolve("plain"), "a file, not a directory");
        String impossible = target + "/plain/sub/file";

        assertThatThrownBy(() -> host.upload(List.of(new FileUpload(local, first.toString(), 0644),
                        new FileUpload(local, impossible, 0644))))
                .isInstanceOf(UploadException.class)
                .hasMessageStartingWith("uploading " + local + " to here (local):" + impossible + " failed: ");
        assertThat(first).hasContent("old");
        assertThat(filesIn(target)).containsExactlyInAnyOrder("first", "plain");
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
