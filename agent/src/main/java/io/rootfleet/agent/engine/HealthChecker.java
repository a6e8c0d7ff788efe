package io.rootfleet.agent.engine;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.HealthCheck;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a container's health check: a command run inside it, or a TCP connection to 127.0.0.1:PORT in its
 * network namespace, retried as the check says.
 */
final class HealthChecker {
    private static final int MAX_OUTPUT = 300;

    private final AgentHome home;
    private final Lxc lxc;

    HealthChecker(AgentHome home, Lxc lxc) {
        this.home = home;
        this.lxc = lxc;
    }

    /** Returns when the container passes its health check; throws {@link UnhealthyException} saying why it does not. */
    void await(ContainerSpec spec) {
        HealthCheck check = spec.health().orElseThrow(() -> new IllegalArgumentException(spec.name() + " has no health check"));
        retry(check, () -> probe(spec, check), () -> {
            if (!lxc.state(spec.name()).running()) {
                throw new UnhealthyException(ConsoleLog.stopped(home, spec.name(), "during its health check"));
            }
        });
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
