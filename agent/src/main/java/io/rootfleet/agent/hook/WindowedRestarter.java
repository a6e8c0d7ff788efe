package io.rootfleet.agent.hook;

import io.rootfleet.agent.host.AgentHome;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The hook's restart, kept to its window: restarts now, waits out this host's jitter first, or (outside the
 * window) records a {@link PendingRestart} and restarts nothing. What is deferred is run by the next settle
 * (see {@link PendingRestart}).
 */
public final class WindowedRestarter implements HookSettler.Restarter {
    /** Waits until a time; tests pass one that moves their clock instead. */
    public interface Sleeper {
        void sleepUntil(ZonedDateTime at) throws InterruptedException;

        static Sleeper real(Clock clock) {
            return at -> {
                long millis = Duration.between(clock.instant(), at.toInstant()).toMillis();
                if (millis > 0) {
                    Thread.sleep(millis);
                }
            };
        }
    }

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss xxx", java.util.Locale.ENGLISH);

    private final RestartSchedule schedule;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AgentHome home;
    private final HookSettler.Restarter restarter;
    private final HookLog log;
    private final ZonedDateTime changed;
    private ZonedDateTime deferredUntil;
    private List<String> stale = List.of();

    public WindowedRestarter(RestartSchedule schedule, Clock clock, Sleeper sleeper, AgentHome home,
            HookSettler.Restarter restarter, HookLog log) {
        this.schedule = schedule;
        this.clock = clock;
        this.sleeper = sleeper;
        this.home = home;
        this.restarter = restarter;
        this.log = log;
        this.changed = ZonedDateTime.now(clock);
    }

    /** The stale containers the scan found, for the pending record. */
    public void staleFound(List<String> names) {
        this.stale = List.copyOf(names);
    }

    /** When the restart was deferred to, if it was. */
    public Optional<ZonedDateTime> deferredUntil() {
        return Optional.ofNullable(deferredUntil);
    }

    @Override
    public HookSettler.Outcome restartStale() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        RestartSchedule.Decision decision = schedule.decide(now, changed);
        if (decision instanceof RestartSchedule.Defer defer) {
            deferredUntil = defer.at();
            new PendingRestart(now.toOffsetDateTime().toString(), defer.at().toOffsetDateTime().toString(), stale).write(home);
            return HookSettler.Outcome.deferred("outside the restart window " + schedule.window().orElseThrow()
                    + "; pending until " + SHOWN.format(defer.at()) + delayNote() + " (" + PendingRestart.file(home) + ")");
        }
        if (decision instanceof RestartSchedule.WaitUntil wait) {
            log.line("waiting until " + SHOWN.format(wait.at()) + delayNote() + " before restarting");
            try {
                sleeper.sleepUntil(wait.at());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new HookSettler.Outcome(-1, null, "interrupted while waiting for this host's turn");
            }
        }
        return restarter.restartStale();
    }

    private String delayNote() {
        return schedule.delay().isZero() ? "" : " (this host's jitter: " + Jitter.format(schedule.delay()) + ")";
    }
}
