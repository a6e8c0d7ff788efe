package io.rootfleet.controller.ssh;

import java.util.List;
import java.util.Objects;

/**
 * How a remote command ended.
 *
 * @param argv the command as given
 * @param host the host it ran on, for messages
 * @param exitCode its exit status
 * @param stdout everything it wrote to standard output (also streamed line by line while it ran)
 * @param stderr everything it wrote to standard error
 */
public record CommandResult(List<String> argv, String host, int exitCode, String stdout, String stderr) {
    public CommandResult {
        argv = List.copyOf(argv);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    /** This result if the command succeeded; otherwise an exception naming the command, its status and stderr. */
    public CommandResult requireSuccess() {
        if (succeeded()) {
            return this;
        }
        String detail = stderr.isBlank() ? "it wrote nothing to stderr" : "stderr: " + stderr.strip();
        throw new CommandFailedException(
                "command " + ShellQuoting.display(argv) + " failed on " + host + " with exit status " + exitCode
                        + "; " + detail,
                this);
    }
}
