package io.rootfleet.controller.report;

import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.patch.PatchRollout;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.notify.Notifier;
import io.rootfleet.model.report.AgentEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The webhook events of a campaign ({@code --notify URL}), one JSON object each, all with {@code source: rootfleet},
 * {@code event} and {@code time}:
 * <ul>
 *   <li>{@code start}: the campaign's hosts, after the scan (stale containers by host);</li>
 *   <li>{@code failed}: one per container that failed its restart or health check (host, container, step, detail),
 *       and one per canary that failed its soak;</li>
 *   <li>{@code end}: the exit code and its name, the before and after counts, restarted and failed containers,
 *       hosts by verdict, and why the campaign stopped if it did.</li>
 * </ul>
 * Sending never blocks the campaign: see {@link Notifier}.
 */
public final class PatchNotifications implements PatchRollout.Listener {
    private final Notifier notifier;
    private final Clock clock;
    private final String campaign;

    /** @param campaign names this run in every event (e.g. the playbook's file name) */
    public PatchNotifications(Notifier notifier, Clock clock, String campaign) {
        this.notifier = notifier;
        this.clock = clock;
        this.campaign = campaign;
    }

    private Map<String, Object> event(String event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", "rootfleet");
        m.put("event", event);
        m.put("campaign", campaign);
        m.put("time", clock.instant().toString());
        return m;
    }

    @Override
    public void scanned(List<io.rootfleet.controller.push.HostScan> scans) {
        Map<String, Object> m = event("start");
        Map<String, Object> stale = new LinkedHashMap<>();
        scans.forEach(s -> stale.put(s.host(), s.ok() ? s.staleCount() : null));
        m.put("hosts", scans.size());
        m.put("staleByHost", stale);
        notifier.send(m);
    }

    @Override
    public void event(String host, AgentEvent event) {
        if (event instanceof AgentEvent.Action a && a.action().equals("restart") && a.status().equals("failed")) {
            Map<String, Object> m = event("failed");
            m.put("host", host);
            m.put("container", a.container());
            m.put("detail", a.detail());
            notifier.send(m);
        }
    }

    @Override
    public void canaryFinished(PatchResult.CanaryPhase phase) {
        if (!phase.passed()) {
            Map<String, Object> m = event("failed");
            m.put("canary", phase.hosts());
            m.put("detail", phase.failure().orElse(""));
            notifier.send(m);
        }
    }

    /** The {@code end} event; the caller then flushes the notifier with a deadline. */
    public void finished(PatchResult result, ExitStatus exit) {
        Map<String, Object> m = event("end");
        m.put("exitCode", exit.code());
        m.put("result", exit.name().toLowerCase(Locale.ROOT));
        m.put("staleBefore", result.staleBefore());
        m.put("staleAfter", result.staleAfter());
        m.put("restarted", result.restarted());
        m.put("failed", result.failedContainers());
        Map<String, Object> verdicts = new LinkedHashMap<>();
        result.hosts().forEach(h -> verdicts.put(h.host(), h.verdict().name().toLowerCase(Locale.ROOT)));
        m.put("hosts", verdicts);
        result.stop().ifPresent(s -> {
            m.put("stopped", s.reason().name().toLowerCase(Locale.ROOT));
            m.put("notTouched", s.notTouched());
        });
        notifier.send(m);
    }

    /** The final flush: at most {@code deadline}. */
    public void close(Duration deadline) {
        notifier.close(deadline);
    }
}
