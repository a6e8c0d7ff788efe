package io.rootfleet.controller.playbook;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every playbook shipped in the repository's {@code playbooks/} directory reads without a problem. */
class PlaybooksDirectoryTest {

    @TestFactory
    Stream<DynamicTest> everyShippedPlaybookReads() throws IOException {
        Optional<Path> directory = playbooksDirectory();
        if (directory.isEmpty()) {
            return Stream.empty();
        }
        List<Path> playbooks;
        try (Stream<Path> files = Files.walk(directory.get())) {
            playbooks = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
        return playbooks.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> assertThatCode(() -> PlaybookReader.read(file)).doesNotThrowAnyException()));
    }

    /** {@code playbooks/} in the nearest directory up from here that has one, up to the repository's root. */
    private static Optional<Path> playbooksDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("playbooks"))) {
                return Optional.of(dir.resolve("playbooks"));
            }
            if (Files.exists(dir.resolve(".git"))) {
                break;
            }
        }
        return Optional.empty();
    }
}
