package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostException;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.RestartSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Runs the agent's rolling restart of its stale containers on one host ({@code restart --stale --json}), with
 * the per-host batch size and failure limit passed through, and reads its events as they come.
 */
public final class AgentRestart {
    private final HostConnector connector;
    private final Duration timeout;
    private final Optional<String> batch;
    private final OptionalInt maxFail;

    /**
     * @param batch the agent's {@code --batch} (N or P%), already validated; empty for the agent's default
     * @param maxFail the agent's {@code --max-fail}; empty for the agent's default
     */
    public AgentRestart(HostConnector connector, Duration timeout, Optional<String> batch, OptionalInt maxFail) {
        this.connector = connector;
        this.timeout = timeout;
        this.batch = batch;
        this.maxFail = maxFail;
    }

    public List<String> argv(HostSpec host) {
        List<String> argv = new ArrayList<>(List.of(connector.agentPath(host), "--home", host.agentHome().value(), "restart",
                "--stale", "--json"));
        batch.ifPresent(b -> argv.addAll(List.of("--batch", b)));
        maxFail.ifPresent(n -> argv.addAll(List.of("--max-fail", String.valueOf(n))));
        return argv;
    }

    public HostRestart restartStale(HostSpec host, Consumer<AgentEvent> events) {
        long start = System.nanoTime();
        Events seen = new Events(events);
        try (RemoteHost remote = connector.open(host)) {
            CommandResult result = remote.run(argv(host), new byte[0], timeout, seen::line);
            return seen.outcome(host.name(), result, elapsed(start));
        } catch (RemoteHostException e) {
            return new HostRestart(host.name(), HostOutcome.Status.of(e), Optional.ofNullable(seen.summary),
                    Optional.of(e.getMessage()), elapsed(start));
        }
    }

    /** The events of one run, read line by line: passed on as they come, and what they add up to at the end. */
    static final class Events {
        private final Consumer<AgentEvent> listener;
        private RestartSummary summary;
        private String error;

        Events(Consumer<AgentEvent> listener) {
            this.listener = listener;
        }

        void line(String line) {
            AgentEvent event = AgentRun.parse(line);
            if (event == null) {
                return;
            }
            switch (event.event()) {
                case "result" -> summary = event.restart() == null ? null : withoutNulls(event.restart());
                case "error" -> error = event.detail();
                default -> { }
            }
            listener.accept(event);
        }

        HostRestart outcome(String host, CommandResult result, long millis) {
            if (result.succeeded() && summary != null && summary.failed().isEmpty() && !summary.stoppedEarly()) {
                return new HostRestart(host, HostOutcome.Status.OK, Optional.of(summary), Optional.empty(), millis);
            }
            String why = summary != null && (!summary.failed().isEmpty() || summary.stoppedEarly()) ? failures(summary)
                    : error != null ? error
                    : result.succeeded() ? "the agent ended without a result"
                    : AgentFailure.of(result);
            return new HostRestart(host, HostOutcome.Status.FAILED, Optional.ofNullable(summary), Optional.of(why), millis);
        }

        /** An agent that leaves out an empty list means the same as one that sends it. */
        private static RestartSummary withoutNulls(RestartSummary s) {
            return new RestartSummary(orEmpty(s.restarted()), orEmpty(s.failed()), orEmpty(s.notRestarted()), s.stoppedEarly(),
                    orEmpty(s.failures()), s.millis());
        }

        private static List<String> orEmpty(List<String> list) {
            return list == null ? List.of() : list;
        }

        private static String failures(RestartSummary s) {
            String failed = s.failed().size() + " container(s) failed";
            return s.stoppedEarly()
                    ? failed + "; the rollout stopped at the failure limit, " + s.notRestarted().size() + " not restarted"
                    : failed;
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
