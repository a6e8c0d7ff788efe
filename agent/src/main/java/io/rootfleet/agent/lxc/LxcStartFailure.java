package io.rootfleet.agent.lxc;

import io.rootfleet.agent.sys.ProcessResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why lxc-start failed, in LXC's own words: lxc-start itself only says "ABORTING" and "failed to start", the
 * reason (e.g. "bridge interface doesn't exist") is in the container's LXC log. Pure: reads log text.
 */
public final class LxcStartFailure extends RuntimeException {
    /** {@code lxc-start NAME STAMP ERROR    network - ../src/lxc/network.c:func:711 - MESSAGE}. */
    private static final Pattern ERROR_LINE = Pattern.compile("^\\S+ \\S+ \\d+\\.\\d+ ERROR\\s+\\S+ - \\S+:\\d+ - (.+)$");
    /** What LXC says about every failure, after the line that says why. */
    private static final List<String> GENERIC = List.of("Received container state", "Failed to spawn container",
            "The container failed to start");
    private static final int MAX_REASONS = 2;

    LxcStartFailure(String message) {
        super(message);
    }

    /** The failure of {@code lxc-start} for container {@code name}, with the reasons its log gained during it. */
    static LxcStartFailure of(String name, ProcessResult result, String newLogText, String logFile) {
        List<String> reasons = reasons(newLogText);
        if (reasons.isEmpty()) {
            return new LxcStartFailure("lxc-start could not start " + name + " (exit " + result.exitCode() + "): "
                    + said(result) + "; see " + logFile);
        }
        return new LxcStartFailure("lxc-start could not start " + name + ": " + String.join("; ", reasons)
                + " (LXC's log: " + logFile + ")");
    }

    /** lxc-start's own lines, without its advice to rerun it with other options. */
    private static String said(ProcessResult result) {
        String text = String.join(" | ", result.stderr().strip().lines()
                .filter(l -> !l.contains("To get more details") && !l.contains("Additional information")).toList());
        return text.isEmpty() ? "no output" : text;
    }

    /** The first specific ERROR messages of the log text, at most two, without the generic follow-ups. */
    static List<String> reasons(String logText) {
        List<String> reasons = new ArrayList<>();
        for (String line : logText.split("\n")) {
            Matcher m = ERROR_LINE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            String message = m.group(1).strip();
            if (GENERIC.stream().noneMatch(message::contains) && !reasons.contains(message) && reasons.size() < MAX_REASONS) {
                reasons.add(message);
            }
        }
        return reasons;
    }
}
