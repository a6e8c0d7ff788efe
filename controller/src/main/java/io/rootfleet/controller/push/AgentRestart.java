package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.ssh.CommandResult;
import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.model.concurrent.StopRequest;
import io.rootfleet.model.report.AgentEvent;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The agent's rolling restart of its stale containers on one host ({@code restart --stale --json}), with the
 * per-host batch size and failure limit passed through, its events passed on as they come, and the scan the agent
 * made after it.
 */
public final class AgentRestart {
    private final AgentCall agent;
    private final List<String> args = new ArrayList<>(List.of("restart", "--stale", "--json"));

    /**
     * @param batch the agent's {@code --batch} (N or P%), already validated; empty for the agent's default
     * @param maxFail the agent's {@code --max-fail}; empty for the agent's default
     */
    public AgentRestart(HostConnector connector, Duration timeout, Optional<String> batch, OptionalInt maxFail) {
        this.agent = new AgentCall(connector, timeout);
        batch.ifPresent(b -> args.addAll(List.of("--batch", b)));
        maxFail.ifPresent(n -> args.addAll(List.of("--max-fail", String.valueOf(n))));
    }

    public List<String> argv(HostSpec host) {
        return agent.argv(host, args);
    }

    /** Restarts {@code host}'s stale containers over {@code remote}, a connection its other steps may share. */
    public HostRestart restartStale(RemoteHost remote, HostSpec host, Consumer<AgentEvent> events) {
        return agent.run(remote, host, args, new byte[0], new Events(events));
    }

    /**
     * As {@link #restartStale(RemoteHost, HostSpec, Consumer)}, stopped cleanly when {@code stop} is requested: the
     * agent runs with {@code --stop-on-stdin-eof} and its standard input is held open until then, so closing it
     * asks the agent to finish its batch under way and start no other. (A signal over the SSH channel would not
     * do: OpenSSH's sshd honours signal requests only for non-root logins.)
     */
    public HostRestart restartStale(RemoteHost remote, HostSpec host, Consumer<AgentEvent> events, StopRequest stop) {
        List<String> stoppable = new ArrayList<>(args);
        stoppable.add("--stop-on-stdin-eof");
        OpenUntilEnded input = new OpenUntilEnded();
        stop.whenRequested(input::end);
        try {
            return agent.run(remote, host, stoppable, input, new Events(events));
        } finally {
            input.end();
        }
    }

    /** An input that has no bytes and ends only when told to; reads block until then. */
    static final class OpenUntilEnded extends InputStream {
        private final CountDownLatch ended = new CountDownLatch(1);

        void end() {
            ended.countDown();
        }

        @Override
        public int read() {
            try {
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return length == 0 ? 0 : read();
        }
    }

    /** The events of one run, read line by line: passed on as they come, and what they add up to at the end. */
    static final class Events extends AgentOutput<HostRestart> {
        private RestartSummary summary;
        private StaleReport staleAfter;

        Events(Consumer<AgentEvent> listener) {
            super(listener);
        }

        @Override
        protected void event(AgentEvent event) {
            if (event instanceof AgentEvent.Result r) {
                summary = r.restart();
                // a scan that lists a container without a name is not used: the host is scanned again
                staleAfter = r.staleAfter() != null && AgentStale.namesEveryContainer(r.staleAfter()) ? r.staleAfter() : null;
            }
        }

        @Override
        protected HostRestart finished(String host, CommandResult result, long millis) {
            return outcomeOf(host, result, millis).withStaleAfter(Optional.ofNullable(staleAfter));
        }

        HostRestart outcome(String host, CommandResult result, long millis) {
            return finished(host, result, millis);
        }

        private HostRestart outcomeOf(String host, CommandResult result, long millis) {
            if (summary != null && summary.interrupted() && summary.failed().isEmpty()) {
                return new HostRestart(host, HostOutcome.Status.FAILED, Optional.of(summary), Optional.of("stopped when asked: "
                        + summary.restarted().size() + " restarted, " + summary.notRestarted().size() + " not restarted"), millis);
            }
            if (result.succeeded() && summary != null && summary.failed().isEmpty() && !summary.stoppedEarly()) {
                return new HostRestart(host, HostOutcome.Status.OK, Optional.of(summary), Optional.empty(), millis);
            }
            String why = summary != null && (!summary.failed().isEmpty() || summary.stoppedEarly()) ? failures(summary)
                    : errorEvent().isEmpty() && result.succeeded() ? "the agent ended without a result"
                    : failure(result);
            return new HostRestart(host, HostOutcome.Status.FAILED, Optional.ofNullable(summary), Optional.of(why), millis);
        }

        @Override
        protected HostRestart failed(String host, HostOutcome.Status status, String why, long millis) {
            return new HostRestart(host, status, Optional.ofNullable(summary), Optional.of(why), millis);
        }

        private static String failures(RestartSummary s) {
            String failed = s.failed().size() + " container(s) failed";
            if (s.interrupted()) {
                return failed + "; stopped when asked, " + s.notRestarted().size() + " not restarted";
            }
            return s.stoppedEarly()
                    ? failed + "; the rollout stopped at the failure limit, " + s.notRestarted().size() + " not restarted"
                    : failed;
        }
    }
}
