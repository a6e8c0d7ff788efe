package io.rootfleet.agent.hook;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.model.notify.Notifier;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook's restart kept to its window, with a clock the test moves: outside the window it is deferred (a pending
 * record, no restart), and once the clock is inside the window (plus this host's jitter) it runs.
 */
class ScheduledSettleTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    /** A Saturday: Mon-Fri 02:00-04:00 opens next on Monday. */
    private static final ZonedDateTime SATURDAY_NOON = LocalDateTime.parse("2026-11-28T12:00:00").atZone(ZONE);

    @TempDir
    Path tmp;

    /** A clock the test sets. */
    static final class TestClock extends Clock {
        Instant now;

        TestClock(ZonedDateTime start) {
            now = start.toInstant();
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final List<ZonedDateTime> sleptUntil = new ArrayList<>();

    private ScheduledSettle settle(AgentHome home, TestClock clock, Duration jitter, AtomicInteger restarts, boolean stale) {
        HookSettings settings = new HookSettings("Mon-Fri 02:00-04:00", jitter == null ? null : Jitter.format(jitter), null);
        RestartSchedule schedule = new RestartSchedule(settings.restartWindow(), jitter == null ? Duration.ZERO : jitter);
        WindowedRestarter.Sleeper sleeper = at -> {
            sleptUntil.add(at);
            clock.now = at.toInstant(); // the time passes
        };
        return new ScheduledSettle(home, new SettleOptions(List.of(tmp.resolve("no-lock")), Duration.ZERO, Duration.ofSeconds(5)),
                schedule, "host-a", clock, sleeper, Notifier.none(), new HookLog(home.hookLog(), "settle"),
                () -> new StaleReport("rootfleet/v1", 1, List.of(new StaleReport.Container("web-1", "RUNNING", 10, null, stale,
                        List.of(), List.of(), List.of()))),
                () -> {
                    restarts.incrementAndGet();
                    return new HookSettler.Outcome(0, new RestartSummary(List.of("web-1"), List.of(), List.of(), false,
                            List.of(), 10), null);
                });
    }

    private AgentHome home() throws Exception {
        return new AgentHome(Files.createDirectories(tmp.resolve("home")));
    }

    @Test
    void outsideTheWindow_defers_thenThePendingSettleRestartsInsideIt() throws Exception {
        AgentHome home = home();
        TestClock clock = new TestClock(SATURDAY_NOON);
        AtomicInteger restarts = new AtomicInteger();

        Optional<ZonedDateTime> pending = settle(home, clock, null, restarts, true).run(false);

        ZonedDateTime monday = LocalDateTime.parse("2026-11-30T02:00:00").atZone(ZONE);
        assertThat(pending).hasValue(monday);
        assertThat(restarts).hasValue(0);
        PendingRestart record = PendingRestart.read(home).orElseThrow();
        assertThat(record.notBefore()).isEqualTo("2026-11-30T02:00+01:00");
        assertThat(record.stale()).containsExactly("web-1");
        assertThat(Files.readString(home.hookLog())).contains("restart deferred: outside the restart window"
                + " Mon,Tue,Wed,Thu,Fri 02:00-04:00; pending until Mon 2026-11-30 02:00:00 +01:00");

        clock.now = monday.plusMinutes(5).toInstant(); // the window is open: what the timer or reconcile runs
        assertThat(settle(home, clock, null, restarts, true).run(false)).isEmpty();

        assertThat(restarts).hasValue(1);
        assertThat(PendingRestart.read(home)).isEmpty();
        assertThat(Files.readString(home.hookLog())).contains("restart done: restarted web-1");
    }

    @Test
    void theDeferringSettle_waitsForTheWindowPlusItsJitter_thenRestarts() throws Exception {
        AgentHome home = home();
        TestClock clock = new TestClock(SATURDAY_NOON);
        AtomicInteger restarts = new AtomicInteger();

        Optional<ZonedDateTime> pending = settle(home, clock, Duration.ofMinutes(17), restarts, true).run(true);

        assertThat(pending).isEmpty();
        assertThat(restarts).hasValue(1);
        assertThat(sleptUntil).containsExactly(LocalDateTime.parse("2026-11-30T02:17:00").atZone(ZONE));
        assertThat(PendingRestart.read(home)).isEmpty();
    }

    @Test
    void insideTheWindow_beforeThisHostsJitter_waitsThenRestarts() throws Exception {
        AgentHome home = home();
        TestClock clock = new TestClock(LocalDateTime.parse("2026-11-30T02:05:00").atZone(ZONE));
        AtomicInteger restarts = new AtomicInteger();

        assertThat(settle(home, clock, Duration.ofMinutes(17), restarts, true).run(false)).isEmpty();

        assertThat(sleptUntil).containsExactly(LocalDateTime.parse("2026-11-30T02:17:00").atZone(ZONE));
        assertThat(restarts).hasValue(1);
        assertThat(PendingRestart.read(home)).isEmpty();
    }

    @Test
    void nothingStaleAnyMore_clearsThePendingRecord() throws Exception {
        AgentHome home = home();
        new PendingRestart("2026-11-28T12:00+01:00", "2026-11-30T02:00+01:00", List.of("web-1")).write(home);
        AtomicInteger restarts = new AtomicInteger();

        settle(home, new TestClock(SATURDAY_NOON), null, restarts, false).run(true);

        assertThat(restarts).hasValue(0);
        assertThat(PendingRestart.read(home)).isEmpty();
    }
}
