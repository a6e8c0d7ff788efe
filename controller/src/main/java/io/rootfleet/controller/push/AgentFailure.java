package io.rootfleet.controller.push;

import io.rootfleet.controller.ssh.CommandResult;
import java.util.List;

/** Why an agent call ended badly, from its exit status and the end of its stderr: one line for a host's report. */
final class AgentFailure {
    private static final int NOT_FOUND = 127;
    private static final int INVALID_INPUT = 2;

    private AgentFailure() {}

    static String of(CommandResult result) {
        String stderr = result.stderr().strip();
        if (result.exitCode() == NOT_FOUND) {
            return "the agent is not installed at " + result.argv().get(0) + " (exit 127); run rootfleet bootstrap";
        }
        if (result.exitCode() == INVALID_INPUT && stderr.contains("Unmatched argument")) {
            // picocli's answer to a subcommand it does not know: the agent predates this controller
            String unmatched = stderr.lines().filter(line -> line.contains("Unmatched argument")).findFirst().orElseThrow();
            return "the agent at " + result.argv().get(0) + " is older than this controller (" + unmatched
                    + "); update it with rootfleet bootstrap";
        }
        return "the agent exited with status " + result.exitCode() + (stderr.isEmpty() ? "" : ": " + lastLines(stderr, 5));
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
