package io.rootfleet.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a rootfleet or rootfleet-agent run ended, as its process exit code. One definition for both programs:
 * the domain returns these, the commands exit with {@link #code()}, and {@code --help} and the README list
 * each command's codes from {@link #helpText(Map)}.
 */
public enum ExitStatus {
    /** Everything asked for was done. */
    OK(0),
    /** Some container (agent) or host (controller) failed; the others were done. */
    FAILED(1),
    /** The input or the command line is invalid; nothing was changed or sent. */
    INVALID_INPUT(2),
    /** Some host could not be reached (controller only). */
    UNREACHABLE(3),
    /** A host problem (not root, LXC missing) or an internal error. */
    INTERNAL(4),
    /** Another rootfleet-agent run holds the host lock (agent only). */
    BUSY(5),
    /**
     * Asked to stop (Ctrl-C, SIGTERM) before the end: what was under way finished, nothing new started; the report
     * says what was done, what failed and what was not touched.
     */
    INTERRUPTED(6),
    /** The canary hosts of a patch failed their restart or their health while soaking; no other host was touched. */
    CANARY_FAILED(7);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ExitStatus> ofCode(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst();
    }

    /**
     * A command's exit codes as picocli's {@code exitCodeList} wants them ({@code "  0" -> "ok"}), in code order.
     */
    public static Map<String, String> helpText(Map<ExitStatus, String> meanings) {
        Map<String, String> lines = new LinkedHashMap<>();
        meanings.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.put(rightAligned(e.getKey().code), e.getValue()));
        return lines;
    }

    /** The code in 3 columns, as "%3d" would give it without String.format: every agent run documents its codes. */
    private static String rightAligned(int code) {
        String digits = Integer.toString(code);
        return " ".repeat(Math.max(0, 3 - digits.length())) + digits;
    }
}
