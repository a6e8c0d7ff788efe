package io.rootfleet.agent.metrics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apt hook's runs as its log (HOME/hook.log and the rotated hook.log.1) tells them: each background {@code
 * settle} that got to the end says how it ended in one line, a failure as one of the lines that ask for a manual
 * {@code restart --stale} or start with {@code failed:}. Pure.
 *
 * @param runs settles that ended (nothing stale, restarted, or gave up)
 * @param failures those that did not leave the host patched: a failed or undone restart, a timeout, an error
 * @param lastRun when the last one ended; null when none did
 */
public record HookRuns(long runs, long failures, Instant lastRun) {
    public static final HookRuns NONE = new HookRuns(0, 0, null);
    private static final Pattern LINE = Pattern.compile("^(\\S+) settle\\[\\d+\\]: (.*)$");

    /** Counts the settle outcomes in log lines, oldest first. */
    public static HookRuns count(List<String> lines) {
        long runs = 0;
        long failures = 0;
        Instant last = null;
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String message = m.group(2);
            boolean ok = message.startsWith("nothing is stale") || message.startsWith("restart done:");
            boolean failed = message.startsWith("restart finished with failures:") || message.startsWith("restart not done:")
                    || message.startsWith("failed:") || message.contains("; giving up.");
            if (!ok && !failed) {
                continue;
            }
            runs++;
            if (failed) {
                failures++;
            }
            try {
                last = OffsetDateTime.parse(m.group(1)).toInstant();
            } catch (DateTimeParseException e) {
                // a line with a broken time still counts
            }
        }
        return new HookRuns(runs, failures, last);
    }
}
