package io.rootfleet.agent.sys;

/** A command exited non-zero, was killed at its timeout, or could not be started. */
public final class CommandFailedException extends RuntimeException {
    private final transient ProcessResult result;

    public CommandFailedException(ProcessResult result) {
        super("'" + result.commandLine() + "' exited with status " + result.exitCode()
                + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()));
        this.result = result;
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
        this.result = null;
    }

    public ProcessResult result() {
        return result;
    }
}
