package io.rootfleet.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.HealthCheck;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry loop alone; the probes themselves run against real containers in RollingRestartIT. */
class HealthCheckerTest {

    private static HealthCheck check(int retries) {
        return new HealthCheck(List.of("/usr/bin/curl", "-fsS", "http://127.0.0.1/"), OptionalInt.empty(), 1, retries, 0);
    }

    private static HealthChecker.Probe answers(String... failures) {
        Deque<String> queue = new ArrayDeque<>(List.of(failures));
        return () -> {
            String next = queue.poll();
            return next == null || next.isEmpty() ? Optional.empty() : Optional.of(next);
        };
    }

    @Test
    void retry_passesOnALaterTry() {
        AtomicInteger between = new AtomicInteger();
        assertThatCode(() -> HealthChecker.retry(check(3), answers("exit 7: refused", "exit 7: refused", ""),
                between::incrementAndGet)).doesNotThrowAnyException();
        assertThat(between).hasValue(2);
    }

    @Test
    void retry_failsAfterOnePlusRetries_withTheLastFailure() {
        assertThatThrownBy(() -> HealthChecker.retry(check(2), answers("exit 7: a", "exit 7: b", "exit 22: c", ""), () -> {}))
                .isInstanceOf(UnhealthyException.class)
                .hasMessage("health check `/usr/bin/curl -fsS http://127.0.0.1/` failed 3 times; last: exit 22: c");
        assertThatThrownBy(() -> HealthChecker.retry(check(0), answers("timed out after 1s"), () -> {}))
                .hasMessage("health check `/usr/bin/curl -fsS http://127.0.0.1/` failed 1 time; last: timed out after 1s");
    }

    @Test
    void retry_givesUpEarlyWhenToldBetweenTries() {
        AtomicInteger tries = new AtomicInteger();
        HealthChecker.Probe probe = () -> {
            tries.incrementAndGet();
            return Optional.of("exit 1");
        };
        assertThatThrownBy(() -> HealthChecker.retry(check(10), probe, () -> {
            throw new UnhealthyException("stopped during its health check");
        })).hasMessage("stopped during its health check");
        assertThat(tries).hasValue(1);
    }

    @Test
    void serviceLines_leaveOutSystemdsOwnLinesAboutTheUnit_soTheServicesReasonShows() {
        String journal = """
                Starting apache2.service - The Apache HTTP Server...
                AH00526: Syntax error on line 1 of /etc/apache2/conf-enabled/broken.conf:
                Invalid command 'NoSuchDirective', perhaps misspelled or defined by a module not included in the server configuration
                Action 'start' failed.
                The Apache error log may have more information.
                apache2.service: Control process exited, code=exited, status=1/FAILURE
                apache2.service: Failed with result 'exit-code'.
                Failed to start apache2.service - The Apache HTTP Server.
                """;

        assertThat(HealthChecker.serviceLines(journal, "apache2.service")).containsExactly(
                "AH00526: Syntax error on line 1 of /etc/apache2/conf-enabled/broken.conf:",
                "Invalid command 'NoSuchDirective', perhaps misspelled or defined by a module not included in the server configuration",
                "Action 'start' failed.",
                "The Apache error log may have more information.");
        assertThat(HealthChecker.serviceLines("apache2.service: Failed with result 'exit-code'.\n", "apache2.service"))
                .as("only systemd's lines: those").containsExactly("apache2.service: Failed with result 'exit-code'.");
    }
}
