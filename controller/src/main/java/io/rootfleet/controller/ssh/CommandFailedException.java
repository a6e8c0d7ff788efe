package io.rootfleet.controller.ssh;

/** A remote command exited with a non-zero status where success was required. */
public class CommandFailedException extends CommandException {
    private final CommandResult result;

    public CommandFailedException(String message, CommandResult result) {
        super(message);
        this.result = result;
    }

    public CommandResult result() {
        return result;
    }
}
