package io.rootfleet.controller.push;

import io.rootfleet.controller.ssh.FileUpload;
import io.rootfleet.controller.ssh.RemoteHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The agent's bash completion script and man pages, as the build generates them beside the agent jar
 * ({@code target/generated-docs}), for bootstrap to install on a host where the shell and man find them.
 */
final class AgentDocs {
    static final String COMPLETION_DIR = "/etc/bash_completion.d";
    static final String MAN_DIR = "/usr/local/share/man/man1";

    private final List<Path> completions;
    private final List<Path> manPages;

    AgentDocs(Path agentJar) {
        Path generated = agentJar.toAbsolutePath().getParent().resolve("generated-docs");
        this.completions = files(generated.resolve("completion"));
        this.manPages = files(generated.resolve("man"));
    }

    /**
     * Uploads them, all in one batch; returns what was done, or nothing when the build made none (e.g. a jar
     * given alone).
     */
    Optional<String> install(RemoteHost remote) {
        if (completions.isEmpty() && manPages.isEmpty()) {
            return Optional.empty();
        }
        List<FileUpload> files = new ArrayList<>();
        completions.forEach(file -> files.add(new FileUpload(file, COMPLETION_DIR + "/" + file.getFileName(), 0644)));
        manPages.forEach(file -> files.add(new FileUpload(file, MAN_DIR + "/" + file.getFileName(), 0644)));
        remote.upload(files);
        return Optional.of("bash completion and " + manPages.size() + " man page(s) installed");
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
