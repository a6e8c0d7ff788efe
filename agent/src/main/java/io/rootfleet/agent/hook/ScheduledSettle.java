package io.rootfleet.agent.hook;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.notify.Notifier;
import io.rootfleet.model.report.StaleReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code hook settle} with the hook's settings: the {@link HookSettler} steps, the restart kept to the window and
 * delayed by this host's jitter ({@link WindowedRestarter}), notified to the webhook ({@link NotifyingRestarter}).
 *
 * <p>A restart deferred to the window is recorded as a {@link PendingRestart} in the home. What runs it when the
 * window opens, so that it works with and without systemd and survives the deferring process:
 * <ul>
 *   <li>the deferring settle itself, when asked to ({@code waitForWindow}: no systemd timer on this host), waits
 *       until the next opening plus the jitter and settles again; one such waiter per home (HOME/hook-window.lock);
 *   <li>where systemd is the host's init, the timer {@code hook install --window} writes ({@link HookTimer}) runs
 *       {@code hook settle --pending} at each opening plus the jitter (Persistent: also after a missed one);
 *   <li>every later package change (its settle scans everything) and {@code reconcile} (which starts
 *       {@code hook settle --pending} when a record is there).
 * </ul>
 * After a reboot the containers have started afresh, so the next scan finds nothing stale and clears the record.
 */
public final class ScheduledSettle {
    static final String WAITER_LOCK = "hook-window.lock";

    private final AgentHome home;
    private final SettleOptions options;
    private final RestartSchedule schedule;
    private final String hostName;
    private final Clock clock;
    private final WindowedRestarter.Sleeper sleeper;
    private final Notifier notifier;
    private final HookLog log;
    private final Supplier<StaleReport> scanner;
    private final HookSettler.Restarter restarter;

    /**
     * @param scanner scans every managed container, under the agent lock
     * @param restarter the rolling restart of the stale containers ({@link StaleRestartProcess})
     */
    public ScheduledSettle(AgentHome home, SettleOptions options, RestartSchedule schedule, String hostName, Clock clock,
            WindowedRestarter.Sleeper sleeper, Notifier notifier, HookLog log, Supplier<StaleReport> scanner,
            HookSettler.Restarter restarter) {
        this.home = home;
        this.options = options;
        this.schedule = schedule;
        this.hostName = hostName;
        this.clock = clock;
        this.sleeper = sleeper;
        this.notifier = notifier;
        this.log = log;
        this.scanner = scanner;
        this.restarter = restarter;
    }

    /** The schedule of {@code settings} for the host named {@code hostName}. */
    public static RestartSchedule schedule(HookSettings settings, String hostName) {
        return new RestartSchedule(settings.restartWindow(), Jitter.of(hostName, settings.maxJitter()));
    }

    /**
     * Settles once; when the restart was deferred and {@code waitForWindow}, waits for the window and settles
     * again, until it is not deferred or another waiter is there.
     *
     * @return when the restart is pending until, if it still is
     */
    public Optional<ZonedDateTime> run(boolean waitForWindow) throws InterruptedException {
        while (true) {
            NotifyingRestarter notifying = new NotifyingRestarter(notifier, hostName, home, clock, restarter);
            WindowedRestarter windowed = new WindowedRestarter(schedule, clock, sleeper, home, notifying, log);
            HookSettler.StaleCheck check = () -> {
                PendingRestart.clear(home); // this scan decides anew
                StaleReport report = scanner.get();
                List<String> stale = report.containers().stream().filter(StaleReport.Container::stale)
                        .map(StaleReport.Container::name).toList();
                windowed.staleFound(stale);
                notifying.staleFound(stale);
                return report;
            };
            new HookSettler(home, options, check, windowed, log).settle();
            Optional<ZonedDateTime> until = windowed.deferredUntil();
            if (until.isEmpty()) {
                return until;
            }
            Map<String, Object> deferred = notifying.event("deferred");
            deferred.put("until", until.get().toOffsetDateTime().toString());
            deferred.put("window", schedule.window().map(Object::toString).orElse(null));
            notifier.send(deferred);
            if (!waitForWindow) {
                return until;
            }
            try (HostLock waiter = HookSettler.tryLock(waiterLock(home))) {
                if (waiter == null) {
                    log.line("another hook settle already waits for the window; it will run the pending restart");
                    return until;
                }
                log.line("waiting for the window: next try " + until.get().toOffsetDateTime());
                sleeper.sleepUntil(until.get());
            }
            if (PendingRestart.read(home).isEmpty()) {
                log.line("the pending restart was run meanwhile (by the timer, a package change or reconcile)");
                return Optional.empty();
            }
        }
    }

    /**
     * When a restart is pending in {@code home}, starts {@code hook settle --pending} in the background (what
     * {@code reconcile} does after its work); returns a line saying so, or empty when nothing is pending or no
     * launcher is known.
     */
    public static Optional<String> startPending(AgentHome home) {
        if (PendingRestart.read(home).isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> launcher = AgentProcess.runningLauncher();
        if (launcher.isEmpty()) {
            return Optional.of("a hook restart is pending (" + PendingRestart.file(home) + "), but the agent's launcher is"
                    + " unknown; run 'rootfleet-agent hook settle --pending --agent PATH'");
        }
        try {
            io.rootfleet.model.AbsolutePath agent = new io.rootfleet.model.AbsolutePath(launcher.get().toString());
            HookLog log = new HookLog(home.hookLog(), "reconcile");
            Process settle = new AgentProcess(agent, home).startDetached(List.of("hook", "settle", "--pending", "--agent",
                    agent.value()), log.file());
            log.line("a restart is pending; hook settle --pending (pid " + settle.pid() + ") runs it if the window is open");
            return Optional.of("a hook restart is pending: started hook settle --pending (pid " + settle.pid() + ")");
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.of("a hook restart is pending, but hook settle --pending could not start: " + e.getMessage());
        }
    }

    /** This host's name (the kernel's), which fixes its jitter; "localhost" when it cannot be read. */
    public static String hostName() {
        try {
            String name = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            return name.isEmpty() ? "localhost" : name;
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    static Path waiterLock(AgentHome home) {
        return home.dir().resolve(WAITER_LOCK);
    }
}
