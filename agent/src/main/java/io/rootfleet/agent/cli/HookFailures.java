package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.HookLog;
import io.rootfleet.model.yaml.InvalidInputException;
import java.io.PrintWriter;

/** The hook's steps must never fail apt or dpkg: whatever goes wrong is logged, and they still exit 0. */
final class HookFailures {
    /** A step of the hook. */
    interface Step {
        void run() throws Exception;
    }

    private HookFailures() {}

    static void guard(HookLog log, PrintWriter err, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report(log, err, "interrupted");
        } catch (Exception | Error e) {
            report(log, err, describe(e));
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof InvalidInputException invalid) {
            return String.join("; ", invalid.problems().stream().map(Object::toString).toList());
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Into the log; to stderr (which the hook's command line also sends to the log) when the log cannot be written. */
    private static void report(HookLog log, PrintWriter err, String problem) {
        try {
            log.line("failed: " + problem);
        } catch (RuntimeException cannotLog) {
            err.println("rootfleet-agent hook: " + problem + " (and " + cannotLog.getMessage() + ")");
            err.flush();
        }
    }
}
