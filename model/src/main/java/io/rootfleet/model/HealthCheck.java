package io.rootfleet.model;

import java.util.List;
import java.util.OptionalInt;

/**
 * How to tell that a (re)started container works: a command run inside it that exits 0, or a TCP port that
 * accepts a connection on the container's own loopback. It is tried up to {@code 1 + retries} times, {@code
 * interval} apart, each try limited to {@code timeout}.
 *
 * @param command argv run inside the container (no shell); empty when {@code tcpPort} is set
 * @param tcpPort a port connected to on 127.0.0.1 inside the container's network namespace
 */
public record HealthCheck(List<String> command, OptionalInt tcpPort, int timeoutSeconds, int retries, int intervalSeconds) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 5;
    public static final int DEFAULT_RETRIES = 10;
    public static final int DEFAULT_INTERVAL_SECONDS = 1;

    public HealthCheck {
        command = List.copyOf(command);
        if (command.isEmpty() == tcpPort.isEmpty()) {
            throw new IllegalArgumentException("a health check needs exactly one of command (an argv list) or tcp (a port)");
        }
        for (String arg : command) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("health command argument contains a NUL");
            }
        }
        if (!command.isEmpty()) {
            new AbsolutePath(command.get(0)); // named by its absolute path, as init is
        }
        if (tcpPort.isPresent() && (tcpPort.getAsInt() < 1 || tcpPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("tcp port " + tcpPort.getAsInt() + " is not between 1 and 65535");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("health timeout " + timeoutSeconds + "s is not between 1 and 3600 seconds");
        }
        if (retries < 0 || retries > 1000) {
            throw new IllegalArgumentException("health retries " + retries + " is not between 0 and 1000");
        }
        if (intervalSeconds < 0 || intervalSeconds > 3600) {
            throw new IllegalArgumentException("health interval " + intervalSeconds + "s is not between 0 and 3600 seconds");
        }
    }

    public static HealthCheck command(List<String> argv) {
        return new HealthCheck(argv, OptionalInt.empty(), DEFAULT_TIMEOUT_SECONDS, DEFAULT_RETRIES, DEFAULT_INTERVAL_SECONDS);
    }

    public static HealthCheck tcp(int port) {
        return new HealthCheck(List.of(), OptionalInt.of(port), DEFAULT_TIMEOUT_SECONDS, DEFAULT_RETRIES, DEFAULT_INTERVAL_SECONDS);
    }

    /** For messages: what is checked. */
    public String describe() {
        return tcpPort.isPresent() ? "tcp port " + tcpPort.getAsInt() : String.join(" ", command);
    }
}
