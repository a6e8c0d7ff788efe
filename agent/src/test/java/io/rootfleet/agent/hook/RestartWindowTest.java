package io.rootfleet.agent.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartWindowTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static ZonedDateTime at(String local) {
        return LocalDateTime.parse(local).atZone(PARIS);
    }

    @Test
    void parse_daysRangesListsAndTimes() {
        assertThat(RestartWindow.parse("Mon-Fri 02:00-04:00")).isEqualTo(new RestartWindow(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(2, 0), LocalTime.of(4, 0)));
        assertThat(RestartWindow.parse("sat,Sunday 22:00-2:00").days()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(RestartWindow.parse("Fri-Mon 01:00-02:00").days())
                .containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
        assertThat(RestartWindow.parse("daily 03:00-05:30").days()).hasSize(7);
        assertThat(RestartWindow.parse("03:00-05:30").days()).hasSize(7);
        assertThat(RestartWindow.parse("Mon-Fri 02:00-04:00").toString()).isEqualTo("Mon,Tue,Wed,Thu,Fri 02:00-04:00");
        assertThat(RestartWindow.parse(RestartWindow.parse("Sat,Sun 22:00-02:00").toString()))
                .isEqualTo(RestartWindow.parse("Sat,Sun 22:00-02:00"));
    }

    @Test
    void parse_refusesWhatIsNoWindow_sayingWhy() {
        assertThatThrownBy(() -> RestartWindow.parse("Mon-Fri")).hasMessageStartingWith("'Mon-Fri' is not a restart window:"
                + " expected DAYS HH:MM-HH:MM (e.g. 'Mon-Fri 02:00-04:00'");
        assertThatThrownBy(() -> RestartWindow.parse("Mon-Fry 02:00-04:00")).hasMessageContaining("'fry' is not a day");
        assertThatThrownBy(() -> RestartWindow.parse("Mon 25:00-04:00")).hasMessageContaining("'25:00' is not a time of day");
        assertThatThrownBy(() -> RestartWindow.parse("Mon 02:00-02:00")).hasMessageContaining("it starts when it ends");
        assertThatThrownBy(() -> RestartWindow.parse("Mon-Tue-Wed 02:00-03:00")).hasMessageContaining("'mon-tue-wed' is not a day");
    }

    @Test
    void contains_startInclusive_endExclusive_onTheDaysOnly() {
        RestartWindow w = RestartWindow.parse("Mon-Fri 02:00-04:00");
        assertThat(w.contains(at("2026-11-30T02:00:00"))).as("Monday at the opening").isTrue();
        assertThat(w.contains(at("2026-11-30T03:59:59"))).isTrue();
        assertThat(w.contains(at("2026-11-30T04:00:00"))).as("the closing").isFalse();
        assertThat(w.contains(at("2026-11-30T01:59:59"))).isFalse();
        assertThat(w.contains(at("2026-11-28T03:00:00"))).as("a Saturday").isFalse();
    }

    @Test
    void aWindowCrossingMidnight_belongsToTheDayItOpens() {
        RestartWindow w = RestartWindow.parse("Fri 22:00-02:00");
        assertThat(w.crossesMidnight()).isTrue();
        assertThat(w.length()).isEqualTo(Duration.ofHours(4));
        assertThat(w.openedAt(at("2026-11-28T01:30:00"))).as("Saturday night, opened Friday").hasValue(at("2026-11-27T22:00:00"));
        assertThat(w.contains(at("2026-11-27T23:00:00"))).isTrue();
        assertThat(w.contains(at("2026-11-28T02:00:00"))).isFalse();
        assertThat(w.contains(at("2026-11-27T01:00:00"))).as("Friday early: Thursday's would be, and there is none").isFalse();
        assertThat(w.nextOpening(at("2026-11-28T01:30:00"))).isEqualTo(at("2026-12-04T22:00:00"));
    }

    @Test
    void nextOpening_isTheFirstAfter() {
        RestartWindow w = RestartWindow.parse("Mon-Fri 02:00-04:00");
        assertThat(w.nextOpening(at("2026-11-27T12:00:00"))).as("Friday noon -> Monday").isEqualTo(at("2026-11-30T02:00:00"));
        assertThat(w.nextOpening(at("2026-11-30T01:00:00"))).isEqualTo(at("2026-11-30T02:00:00"));
        assertThat(w.nextOpening(at("2026-11-30T02:00:00"))).as("strictly after").isEqualTo(at("2026-12-01T02:00:00"));
        assertThat(w.openedAt(at("2026-11-30T05:00:00"))).isEqualTo(Optional.empty());
    }

    @Test
    void theHostsLocalTime_acrossADaylightSavingChange() {
        // Paris leaves summer time on Sunday 2026-10-25 at 03:00 (back to 02:00): the window opens once that night
        RestartWindow w = RestartWindow.parse("Sun 02:30-03:30");
        ZonedDateTime opening = w.nextOpening(at("2026-10-24T12:00:00"));
        assertThat(opening.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-10-25T02:30:00"));
        assertThat(w.contains(opening.plusMinutes(59))).isTrue();
    }

    @Test
    void onCalendar_theOpeningsShiftedByTheJitter() {
        RestartWindow w = RestartWindow.parse("Mon-Fri 02:00-04:00");
        assertThat(w.onCalendar(Duration.ZERO)).isEqualTo("Mon,Tue,Wed,Thu,Fri *-*-* 02:00:00");
        assertThat(w.onCalendar(Duration.ofSeconds(17 * 60 + 33))).isEqualTo("Mon,Tue,Wed,Thu,Fri *-*-* 02:17:33");
        assertThat(RestartWindow.parse("Sun 23:30-01:00").onCalendar(Duration.ofMinutes(45)))
                .as("past midnight: the next day").isEqualTo("Mon *-*-* 00:15:00");
    }

    @Test
    void schedule_decides() {
        RestartSchedule s = new RestartSchedule(Optional.of(RestartWindow.parse("Mon-Fri 02:00-04:00")), Duration.ofMinutes(10));
        ZonedDateTime changed = at("2026-11-30T01:00:00");
        assertThat(s.decide(at("2026-11-30T01:00:00"), changed)).isEqualTo(new RestartSchedule.Defer(at("2026-11-30T02:10:00")));
        assertThat(s.decide(at("2026-11-30T02:05:00"), changed)).isEqualTo(new RestartSchedule.WaitUntil(at("2026-11-30T02:10:00")));
        assertThat(s.decide(at("2026-11-30T02:10:00"), changed)).isEqualTo(new RestartSchedule.Now());
        RestartSchedule anyTime = new RestartSchedule(Optional.empty(), Duration.ofMinutes(3));
        assertThat(anyTime.decide(changed, changed)).isEqualTo(new RestartSchedule.WaitUntil(at("2026-11-30T01:03:00")));
        assertThat(RestartSchedule.ANY_TIME.decide(changed, changed)).isEqualTo(new RestartSchedule.Now());
    }

    @Test
    void jitter_isTheSameForAHost_spreadOverHosts_andWithinTheMaximum() {
        Duration max = Duration.ofMinutes(30);
        assertThat(Jitter.of("web-1.example.org", max)).isEqualTo(Jitter.of("web-1.example.org", max));
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration d = Jitter.of("host-" + i, max);
            assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(max);
            seen.add(d);
        }
        assertThat(seen).as("spread").hasSizeGreaterThan(150);
        assertThat(Jitter.of("x", Duration.ZERO)).isZero();
        assertThat(Jitter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Jitter.parse("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Jitter.format(Duration.ofSeconds(5433))).isEqualTo("1h30m33s");
        assertThatThrownBy(() -> Jitter.parse("30 minutes")).hasMessageContaining("is not a duration; give e.g. 30m");
    }

    @Test
    void settings_refuseAJitterAsLongAsTheWindow() {
        assertThatThrownBy(() -> new HookSettings("Mon 02:00-03:00", "1h", null))
                .hasMessageContaining("--jitter 1h is not shorter than the window Mon 02:00-03:00 (1h)");
        assertThat(new HookSettings("Mon 02:00-03:00", "59m", null).maxJitter()).isEqualTo(Duration.ofMinutes(59));
    }
}
