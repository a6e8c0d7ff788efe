package io.rootfleet.agent.sys;

import java.time.Duration;
import java.util.List;

/** Runs external commands from argv lists, never through a shell, each with a timeout. */
public interface ProcessRunner {

    /** Runs {@code argv} to completion, capturing its output; a timeout kills it and reports exit code -1. */
    ProcessResult run(List<String> argv, Duration timeout);

    /** Runs {@code argv} with this process's own stdin, stdout and stderr, and returns its exit code. */
    int runInteractive(List<String> argv);
}
