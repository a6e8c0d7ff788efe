package io.rootfleet.controller.cli;

import io.rootfleet.controller.playbook.Playbook;
import io.rootfleet.controller.playbook.PlaybookReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The playbook a command works on, the inventory that adds hosts to it, and the hosts selected with --limit. */
final class PlaybookOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook (YAML).")
    Path playbook;

    @Option(names = "--limit", paramLabel = "HOSTS", description = "Only these hosts or groups, comma-separated, or"
            + " Ansible's patterns: web-*, web:&eu (in both), web:!web-b (but not), ~REGEX, all.")
    String limit;

    @Option(names = "--inventory", paramLabel = "FILE", description = "An Ansible inventory (INI or YAML) whose hosts"
            + " join the playbook's (instead of the one the playbook names with inventory:).")
    Path inventory;

    /**
     * Reads and validates the playbook, restricted to --limit; then, when the command also connects to hosts,
     * checks how the ssh config reaches each of them before any is contacted.
     */
    Playbook read() {
        PrintWriter err = command.commandLine().getErr();
        Playbook book = PlaybookReader.read(playbook, Optional.ofNullable(inventory), notice -> {
            err.println("rootfleet: " + notice);
            err.flush();
        });
        Playbook selected = limit == null ? book : book.limit(limit);
        command.mixins().values().stream()
                .map(CommandSpec::userObject)
                .filter(ConnectionOptions.class::isInstance)
                .map(ConnectionOptions.class::cast)
                .findFirst()
                .ifPresent(connection -> connection.prepare(selected.hosts(), err));
        return selected;
    }
}
