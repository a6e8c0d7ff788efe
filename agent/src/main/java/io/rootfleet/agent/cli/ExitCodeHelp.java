package io.rootfleet.agent.cli;

import io.rootfleet.model.ExitStatus;
import java.util.Map;
import picocli.CommandLine;

/** A command that says in its {@code --help} what each of its exit codes means for it. */
interface ExitCodeHelp {
    String INVALID_INPUT = "invalid input: nothing was changed";
    String HOST_PROBLEM = "host problem (not root, LXC missing) or internal error";
    String BUSY = "another rootfleet-agent holds the host lock";

    /** Code -> meaning, as picocli's exit code list wants them (see {@code ExitStatus.helpText}). */
    Map<String, String> exitCodeHelp();

    /** Puts every command's own exit code list into its usage message, subcommands included. */
    static void document(CommandLine command) {
        if (command.getCommand() instanceof ExitCodeHelp help) {
            command.getCommandSpec().usageMessage()
                    .exitCodeListHeading("%n" + help.exitCodeHeading() + "%n")
                    .exitCodeList(help.exitCodeHelp());
        }
        command.getSubcommands().values().forEach(ExitCodeHelp::document);
    }

    /** The codes of a command that changes containers under the host lock. */
    static Map<String, String> underLock(String ok, String failed, String invalid) {
        return ExitStatus.helpText(Map.of(ExitStatus.OK, ok, ExitStatus.FAILED, failed, ExitStatus.INVALID_INPUT, invalid,
                ExitStatus.INTERNAL, HOST_PROBLEM, ExitStatus.BUSY, BUSY));
    }

    /** {@link #underLock}, and what {@link ExitStatus#INTERRUPTED} means for the command. */
    static Map<String, String> underLock(String ok, String failed, String invalid, String interrupted) {
        Map<String, String> codes = new java.util.TreeMap<>(underLock(ok, failed, invalid));
        codes.putAll(ExitStatus.helpText(Map.of(ExitStatus.INTERRUPTED, interrupted)));
        return new java.util.LinkedHashMap<>(codes);
    }

    /** The codes of a command that only looks (takes no lock, changes nothing). */
    static Map<String, String> readOnly(String ok, String invalid) {
        return ExitStatus.helpText(Map.of(ExitStatus.OK, ok, ExitStatus.INVALID_INPUT, invalid, ExitStatus.INTERNAL, HOST_PROBLEM));
    }

    default String exitCodeHeading() {
        return "Exit codes:";
    }
}
