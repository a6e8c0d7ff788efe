package io.rootfleet.agent.sys;

import java.util.List;

/** What a finished command did. */
public record ProcessResult(List<String> argv, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns this result, or throws naming the command, its status and what it printed on stderr. */
    public ProcessResult orThrow() {
        if (exitCode != 0) {
            throw new CommandFailedException(this);
        }
        return this;
    }

    public String commandLine() {
        return String.join(" ", argv);
    }
}
