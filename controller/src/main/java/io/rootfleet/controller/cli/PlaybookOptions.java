package io.rootfleet.controller.cli;

import io.rootfleet.controller.playbook.Playbook;
import io.rootfleet.controller.playbook.PlaybookReader;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The playbook a command works on, and the hosts of it selected with --limit. */
final class PlaybookOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook (YAML).")
    Path playbook;

    @Option(names = "--limit", paramLabel = "HOSTS", description = "Only these hosts or groups (comma-separated).")
    String limit;

    /**
     * Reads and validates the playbook, restricted to --limit; then, when the command also connects to hosts,
     * checks how the ssh config reaches each of them before any is contacted.
     */
    Playbook read() {
        Playbook book = PlaybookReader.read(playbook);
        Playbook selected = limit == null ? book : book.limit(limit);
        command.mixins().values().stream()
                .map(CommandSpec::userObject)
                .filter(ConnectionOptions.class::isInstance)
                .map(ConnectionOptions.class::cast)
                .findFirst()
                .ifPresent(connection -> connection.prepare(selected.hosts(), command.commandLine().getErr()));
        return selected;
    }
}
