package io.rootfleet.agent.hook;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.model.notify.Notifier;
import io.rootfleet.model.report.ContainerFailure;
import io.rootfleet.model.report.RestartSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hook's restart with webhook notifications ({@code hook install --notify URL}): one JSON POST when it
 * starts, one per failed container, one at the end. The {@link Notifier} posts off this thread with a timeout
 * and retries, so a slow or dead endpoint never delays or fails the restart.
 *
 * <p>Each payload has {@code source: "hook"}, {@code event} ("start", "failed", "end"; "deferred" from the
 * settle), {@code host}, {@code home} and {@code time}, plus: start {@code containers}; failed {@code container},
 * {@code step}, {@code message}; end {@code result} ("ok", "failed", "not-done"), {@code exitCode}, {@code
 * restarted}, {@code failed}, {@code notRestarted}, {@code millis} and {@code error} when it could not run.
 */
public final class NotifyingRestarter implements HookSettler.Restarter {
    private final Notifier notifier;
    private final String host;
    private final AgentHome home;
    private final Clock clock;
    private final HookSettler.Restarter restarter;
    private List<String> stale = List.of();

    public NotifyingRestarter(Notifier notifier, String host, AgentHome home, Clock clock, HookSettler.Restarter restarter) {
        this.notifier = notifier;
        this.host = host;
        this.home = home;
        this.clock = clock;
        this.restarter = restarter;
    }

    /** The stale containers the scan found: the start event names them. */
    public void staleFound(List<String> names) {
        this.stale = List.copyOf(names);
    }

    @Override
    public HookSettler.Outcome restartStale() {
        Map<String, Object> start = event("start");
        start.put("containers", stale);
        notifier.send(start);
        HookSettler.Outcome outcome = restarter.restartStale();
        RestartSummary summary = outcome.summary();
        if (summary != null) {
            for (ContainerFailure f : summary.failures()) {
                Map<String, Object> failed = event("failed");
                failed.put("container", f.container());
                failed.put("step", f.step());
                failed.put("message", f.message());
                notifier.send(failed);
            }
        }
        Map<String, Object> end = event("end");
        end.put("result", summary == null ? "not-done" : summary.failed().isEmpty() && outcome.exitCode() == 0 ? "ok" : "failed");
        end.put("exitCode", outcome.exitCode());
        if (summary != null) {
            end.put("restarted", summary.restarted());
            end.put("failed", summary.failed());
            end.put("notRestarted", summary.notRestarted());
            end.put("millis", summary.millis());
        }
        if (outcome.error() != null) {
            end.put("error", outcome.error());
        }
        notifier.send(end);
        return outcome;
    }

    /** A payload with the fields every event has. */
    public Map<String, Object> event(String kind) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("source", "hook");
        e.put("event", kind);
        e.put("host", host);
        e.put("home", home.dir().toString());
        e.put("time", Instant.now(clock).toString());
        return e;
    }
}
