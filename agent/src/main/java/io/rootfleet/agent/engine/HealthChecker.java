package io.rootfleet.agent.engine;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.HealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a container's health check: a command run inside it, or a TCP connection to 127.0.0.1:PORT in its
 * network namespace, retried as the check says. A container booting the host's systemd without a declared
 * check gets systemd's own: the boot finished (running or degraded), then every declared service active.
 */
final class HealthChecker {
    private static final int MAX_OUTPUT = 300;
    /** How long the host's systemd may take to boot a container (measured: 1-2 s of userspace, more under load). */
    static final Duration SYSTEM_BOOT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration QUICK = Duration.ofSeconds(15);
    private static final int JOURNAL_LINES = 5;
    private static final int JOURNAL_SCAN_LINES = 20;
    private static final Pattern SYSTEMD_LINE =
            Pattern.compile("(Starting|Started|Stopping|Stopped|Failed to start|Reloading|Reloaded) ");
    private static final Duration BUS_RETRY = Duration.ofMillis(250);

    private final AgentHome home;
    private final Lxc lxc;

    HealthChecker(AgentHome home, Lxc lxc) {
        this.home = home;
        this.lxc = lxc;
    }

    /** Returns when the container passes its health check; throws {@link UnhealthyException} saying why it does not. */
    void await(ContainerSpec spec) {
        HealthCheck check = spec.health().orElseThrow(() -> new IllegalArgumentException(spec.name() + " has no health check"));
        try {
            retry(check, () -> probe(spec, check), () -> {
                if (!lxc.state(spec.name()).running()) {
                    throw new UnhealthyException(ConsoleLog.stopped(home, spec.name(), "during its health check"));
                }
            });
        } catch (UnhealthyException failed) {
            // with the host's systemd, a declared service that failed is why: say so, with its journal
            if (spec.usesHostInit() && !spec.services().isEmpty() && lxc.state(spec.name()).running()) {
                failedService(spec).ifPresent(why -> {
                    throw new UnhealthyException(failed.getMessage() + "; " + why);
                });
            }
            throw failed;
        }
    }
    /** Whether {@link #awaitAny} runs a check for this container, rather than only the grace period. */
    static boolean checks(ContainerSpec spec) {
        return spec.health().isPresent() || spec.usesHostInit();
    }

    /** The declared check, or for the host's systemd without one, {@link #awaitSystem}. */
    void awaitAny(ContainerSpec spec) {
        if (spec.health().isPresent()) {
            await(spec);
        } else if (spec.usesHostInit()) {
            awaitSystem(spec);
        }
    }

    /**
     * Waits for the host's systemd in the container to finish booting, then checks the declared services.
     * "degraded" passes unless a declared service is among the failed: units the container does not need may
     * fail without harm, the services it was started for may not.
     */
    void awaitSystem(ContainerSpec spec) {
        ProcessResult boot = bootState(spec);
        String state = boot.stdout().strip();
        if (!state.equals("running") && !state.equals("degraded")) {
            if (!lxc.state(spec.name()).running()) {
                throw new UnhealthyException(ConsoleLog.stopped(home, spec.name(), "while booting"));
            }
            throw new UnhealthyException(boot.exitCode() == Lxc.TIMED_OUT
                    ? "systemd did not finish booting within " + SYSTEM_BOOT_TIMEOUT.toSeconds() + "s; console: "
                            + ConsoleLog.tail(home, spec.name())
                    : "systemd is " + (state.isEmpty() ? "unreachable: " + output(boot) : state));
        }
        failedService(spec).ifPresent(why -> {
            throw new UnhealthyException(why);
        });
    }

    /** The first declared service that is not active, its state and its journal's last lines. */
    private Optional<String> failedService(ContainerSpec spec) {
        if (spec.services().isEmpty()) {
            return Optional.empty();
        }
        String[] states = lxc.unitStates(spec.name(), spec.services(), QUICK).stdout().strip().split("\n");
        for (int i = 0; i < spec.services().size(); i++) {
            String unitState = i < states.length ? states[i].strip() : "unknown";
            if (!unitState.equals("active")) {
                String unit = spec.services().get(i);
                return Optional.of("service " + unit + " is " + unitState + "; its journal: " + journal(spec, unit));
            }
        }
        return Optional.empty();
    }

    /**
     * systemctl's answer once systemd listens: right after the start its bus socket is not there yet
     * (measured: "Failed to connect to bus" for the first second or so), so that answer is asked again.
     */
    private ProcessResult bootState(ContainerSpec spec) {
        long deadline = System.nanoTime() + SYSTEM_BOOT_TIMEOUT.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos()));
            ProcessResult boot = lxc.systemState(spec.name(), left);
            boolean noBusYet = boot.stdout().isBlank() && boot.stderr().contains("Failed to connect to bus");
            if (!noBusYet || System.nanoTime() > deadline || !lxc.state(spec.name()).running()) {
                return boot;
            }
            sleep(BUS_RETRY);
        }
    }

    private String journal(ContainerSpec spec, String unit) {
        ProcessResult tail = lxc.journalTail(spec.name(), unit, JOURNAL_SCAN_LINES, QUICK);
        String text = String.join(" | ", serviceLines(tail.stdout(), unit));
        return text.isEmpty() ? "(empty)" : text.length() > MAX_OUTPUT ? text.substring(0, MAX_OUTPUT) + "..." : text;
    }

    /**
     * The last lines of a unit's journal that the service itself wrote: systemd's own lines about the unit
     * ("apache2.service: Control process exited...", "Failed to start ...") come last and would crowd out the
     * service's reason (apache's "Invalid command ..."). All of them when the service wrote none.
     */
    static List<String> serviceLines(String journal, String unit) {
        List<String> all = journal.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> own = all.stream().filter(l -> !l.startsWith(unit + ":") && !SYSTEMD_LINE.matcher(l).lookingAt()).toList();
        List<String> lines = own.isEmpty() ? all : own;
        return lines.subList(Math.max(0, lines.size() - JOURNAL_LINES), lines.size());
    }

    /** One try: empty when it passed, else what it said. */
    interface Probe {
        Optional<String> run();
    }

    /**
     * Tries up to {@code 1 + retries} times, {@code interval} apart; {@code betweenTries} may give up early by
     * throwing (a container that stopped will not get healthy).
     */
    static void retry(HealthCheck check, Probe probe, Runnable betweenTries) {
        int tries = 1 + check.retries();
        String last = "";
        for (int i = 1; i <= tries; i++) {
            Optional<String> failure = probe.run();
            if (failure.isEmpty()) {
                return;
            }
            last = failure.get();
            if (i < tries) {
                betweenTries.run();
                sleep(Duration.ofSeconds(check.intervalSeconds()));
            }
        }
        throw new UnhealthyException("health check `" + check.describe() + "` failed " + tries
                + (tries == 1 ? " time" : " times") + "; last: " + last);
    }

    private Optional<String> probe(ContainerSpec spec, HealthCheck check) {
        Duration timeout = Duration.ofSeconds(check.timeoutSeconds());
        ProcessResult result = check.tcpPort().isPresent()
                ? lxc.probeTcp(spec.name(), check.tcpPort().getAsInt(), timeout)
                : lxc.attachCaptured(spec.name(), spec.env(), check.command(), timeout);
        if (result.succeeded()) {
            return Optional.empty();
        }
        if (result.exitCode() == Lxc.TIMED_OUT) {
            return Optional.of("timed out after " + check.timeoutSeconds() + "s");
        }
        return Optional.of("exit " + result.exitCode() + ": " + output(result));
    }

    private static String output(ProcessResult result) {
        String text = (result.stderr().strip() + "\n" + result.stdout().strip()).lines()
                .map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" | "));
        if (text.isEmpty()) {
            return "(no output)";
        }
        return text.length() > MAX_OUTPUT ? text.substring(0, MAX_OUTPUT) + "..." : text;
    }

    static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnhealthyException("interrupted while waiting for the health check");
        }
    }
}
