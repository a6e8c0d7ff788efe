package io.rootfleet.controller.cli;

import io.rootfleet.model.ExitStatus;
import java.util.Map;
import picocli.CommandLine;

/**
 * A command's exit codes as its {@code --help} lists them: its own meaning of each {@link ExitStatus} it ends
 * with. {@link RootfleetCli} renders them, so the list cannot drift from the codes.
 */
interface ExitCodeHelp {
    /** What most commands mean: a host failure outranks an unreachable host. */
    Map<ExitStatus, String> FLEET = Map.of(
            ExitStatus.OK, "ok on every host",
            ExitStatus.FAILED, "some host failed (takes precedence over 3)",
            ExitStatus.INVALID_INPUT, "invalid playbook or options: nothing was sent",
            ExitStatus.UNREACHABLE, "some host was unreachable (the others were done)",
            ExitStatus.INTERNAL, "internal error");

    Map<ExitStatus, String> exitCodes();

    default String exitCodeHeading() {
        return "%nExit codes:%n";
    }

    /** The lines of the list: code -> meaning. */
    default Map<String, String> exitCodeLines() {
        return ExitStatus.helpText(exitCodes());
    }

    /** Puts the exit-code list of {@code commandLine}'s command and of every subcommand into its usage help. */
    static void install(CommandLine commandLine) {
        if (commandLine.getCommand() instanceof ExitCodeHelp help) {
            commandLine.getCommandSpec().usageMessage()
                    .exitCodeListHeading(help.exitCodeHeading())
                    .exitCodeList(help.exitCodeLines());
        }
        commandLine.getSubcommands().values().forEach(ExitCodeHelp::install);
    }
}
