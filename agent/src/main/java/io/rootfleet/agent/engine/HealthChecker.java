package io.rootfleet.agent.restart;

import io.rootfleet.agent.apply.ConsoleLog;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.RunState;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * Decides whether a container that was just started works, by its definition's health check: a command
 * run inside it, or a TCP connection to 127.0.0.1:PORT in its network namespace. Without a health check,
 * a container is healthy when its init is still running a moment after the start.
 */
public final class HealthChecker {
    /**
     * lxc-start returns once the init is executed; an init that cannot run its program or crashes at once
     * exits within milliseconds. 200 ms catches those without slowing a batch down noticeably; a service that
     * needs longer to prove itself should declare a health check.
     */
    static final Duration GRACE = Duration.ofMillis(200);
    /** Beyond the check's own timeout, for lxc-attach itself. */
    private static final Duration ATTACH_SLACK = Duration.ofSeconds(10);
    private static final int MAX_OUTPUT = 300;

    private final AgentHome home;
    private final Lxc lxc;

    public HealthChecker(AgentHome home, Lxc lxc) {
        this.home = home;
        this.lxc = lxc;
    }

    /** Returns when the container is healthy; throws {@link UnhealthyException} saying why it is not. */
    public void await(ContainerSpec spec) {
        if (spec.health().isEmpty()) {
            stoppedAfterGrace(List.of(spec.name())).values().stream().findFirst().ifPresent(why -> {
                throw new UnhealthyException(why);
            });
            return;
        }
        HealthCheck check = spec.health().get();
        retry(check, () -> probe(spec, check), () -> {
            if (!lxc.state(spec.name()).running()) {
                throw new UnhealthyException(stoppedMessage(spec.name(), "during its health check"));
            }
        });
    }

    /**
     * For containers without a health check, all started just now: which of them stopped within the grace
     * period, and why. One wait and one {@code lxc-ls} however many containers.
     */
    public Map<ContainerName, String> stoppedAfterGrace(Collection<ContainerName> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        sleep(GRACE);
        Map<ContainerName, RunState> states = lxc.list();
        Map<ContainerName, String> stopped = new TreeMap<>();
        for (ContainerName name : names) {
            if (!states.getOrDefault(name, RunState.STOPPED).running()) {
                stopped.put(name, stoppedMessage(name, "within " + GRACE.toMillis() + " ms of its start"));
            }
        }
        return stopped;
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
        // coreutils timeout runs inside: killing lxc-attach would leave the command running in the container
        List<String> argv = new ArrayList<>(List.of("/usr/bin/timeout", "--kill-after=1", check.timeoutSeconds() + "s"));
        Duration limit = Duration.ofSeconds(check.timeoutSeconds()).plus(ATTACH_SLACK);
        ProcessResult result;
        if (check.tcpPort().isPresent()) {
            // the host's bash in the container's network namespace; the port is an argument, never script text
            argv.addAll(List.of("/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/$1", "tcp-check",
                    String.valueOf(check.tcpPort().getAsInt())));
            result = lxc.attachNetwork(spec.name(), argv, limit);
        } else {
            argv.addAll(check.command());
            result = lxc.attachCaptured(spec.name(), spec.env(), argv, limit);
        }
        if (result.succeeded()) {
            return Optional.empty();
        }
        if (result.exitCode() == 124) {
            return Optional.of("timed out after " + check.timeoutSeconds() + "s");
        }
        return Optional.of("exit " + result.exitCode() + ": " + output(result));
    }

    private static String output(ProcessResult result) {
        String text = (result.stderr().strip() + "\n" + result.stdout().strip()).lines()
                .map(String::strip).filter(l -> !l.isEmpty()).collect(java.util.stream.Collectors.joining(" | "));
        if (text.isEmpty()) {
            return "(no output)";
        }
        return text.length() > MAX_OUTPUT ? text.substring(0, MAX_OUTPUT) + "..." : text;
    }

    private String stoppedMessage(ContainerName name, String when) {
        return "stopped " + when + ": its init exited. Console output: " + ConsoleLog.tail(home, name);
    }

    private static void sleep(Duration duration) {
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
