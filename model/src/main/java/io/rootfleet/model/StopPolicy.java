package io.rootfleet.model;

import java.util.Set;

/**
 * How a container is stopped: the signal LXC sends its init, then how long to wait before killing it. The
 * host's systemd halts on SIGRTMIN+3 and ignores SIGPWR unless the host links sigpwr.target (measured: every
 * SIGPWR stop waited the whole timeout). A plain program runs under LXC's init.lxc, which passes SIGTERM on
 * and kills what is left a second later, so its stop is quick even when the program ignores SIGTERM.
 */
public record StopPolicy(String signal, int timeoutSeconds) {
    // Before the constants below: their constructor checks against it, in the order fields are initialised.
    private static final Set<String> SIGNALS = Set.of(
            "SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP", "SIGPWR", "SIGUSR1", "SIGUSR2", "SIGKILL", "SIGRTMIN+3");
    public static final StopPolicy FOR_SYSTEM_INIT = new StopPolicy("SIGRTMIN+3", 30);
    public static final StopPolicy FOR_PLAIN_INIT = new StopPolicy("SIGTERM", 10);

    public StopPolicy {
        if (!SIGNALS.contains(signal)) {
            throw new IllegalArgumentException("signal '" + MessageText.printable(signal) + "' is not one of "
                    + String.join(", ", SIGNALS.stream().sorted().toList()));
        }
        if (timeoutSeconds < 0 || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("stop timeout " + timeoutSeconds + "s is not between 0 and 3600 seconds");
        }
    }

    /** Parses {@code 30}, {@code 30s}, {@code 2m} into seconds. */
    public static int parseSeconds(String text) {
        String t = text.trim();
        int unit = 1;
        if (t.endsWith("m")) {
            unit = 60;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Integer.parseInt(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + MessageText.printable(text) + "' is not a duration like 10s or 2m");
        }
    }
}
