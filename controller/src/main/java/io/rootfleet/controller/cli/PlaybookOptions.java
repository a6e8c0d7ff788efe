package io.rootfleet.controller.cli;

import io.rootfleet.controller.playbook.Playbook;
import io.rootfleet.controller.playbook.PlaybookReader;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The playbook a command works on, and the hosts of it selected with --limit. */
final class PlaybookOptions {
    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook (YAML).")
    Path playbook;

    @Option(names = "--limit", paramLabel = "HOSTS", description = "Only these hosts or groups (comma-separated).")
    String limit;

    /** Reads and validates the playbook, restricted to --limit. */
    Playbook read() {
        Playbook book = PlaybookReader.read(playbook);
        return limit == null ? book : book.limit(limit);
    }
}
