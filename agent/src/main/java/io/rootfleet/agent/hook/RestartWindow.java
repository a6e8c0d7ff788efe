package io.rootfleet.agent.hook;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the hook may restart containers, e.g. {@code Mon-Fri 02:00-04:00}, in the host's local time.
 *
 * <p>Grammar: {@code DAYS HH:MM-HH:MM}, DAYS a comma-separated list of days ({@code Mon} ... {@code Sun}) and day
 * ranges ({@code Mon-Fri}; {@code Fri-Mon} wraps over the weekend), or {@code daily} / {@code *}; DAYS may be left
 * out for every day. A window whose end is not after its start crosses midnight: {@code Fri 22:00-02:00} opens on
 * Friday 22:00 and closes on Saturday 02:00; the days are the days it opens. The start is inclusive, the end
 * exclusive. Pure: the caller gives the time (and with it the zone).
 */
public record RestartWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
    private static final Pattern WINDOW = Pattern.compile("(?:(\\S+)\\s+)?(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})");
    private static final List<String> NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public RestartWindow {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a restart window needs at least one day");
        }
        if (start.equals(end)) {
            throw new IllegalArgumentException("a restart window from " + start + " to " + end + " is empty; to restart at"
                    + " any time, install the hook without --window");
        }
    }

    /** Parses the {@code --window} value; the message names what is wrong and shows the grammar. */
    public static RestartWindow parse(String text) {
        Matcher m = WINDOW.matcher(text.strip());
        if (!m.matches()) {
            throw invalid(text, "expected DAYS HH:MM-HH:MM");
        }
        Set<DayOfWeek> days = m.group(1) == null ? EnumSet.allOf(DayOfWeek.class) : days(text, m.group(1));
        LocalTime start = time(text, m.group(2));
        LocalTime end = time(text, m.group(3));
        if (start.equals(end)) {
            throw invalid(text, "it starts when it ends; to restart at any time, leave --window out");
        }
        return new RestartWindow(days, start, end);
    }

    private static Set<DayOfWeek> days(String text, String spec) {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.equals("daily") || lower.equals("*")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : lower.split(",", -1)) {
            String[] range = item.split("-", -1);
            if (range.length == 1) {
                days.add(day(text, range[0]));
            } else if (range.length == 2) {
                DayOfWeek from = day(text, range[0]);
                DayOfWeek to = day(text, range[1]);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                throw invalid(text, "'" + item + "' is not a day or a range of days like Mon-Fri");
            }
        }
        return days;
    }

    private static DayOfWeek day(String text, String name) {
        String shortName = name.length() >= 3 ? name.substring(0, 3) : name;
        int i = NAMES.indexOf(shortName);
        boolean known = i >= 0 && DayOfWeek.of(i + 1).getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                .toLowerCase(Locale.ROOT).startsWith(name);
        if (!known) {
            throw invalid(text, "'" + name + "' is not a day; use Mon, Tue, Wed, Thu, Fri, Sat, Sun");
        }
        return DayOfWeek.of(i + 1);
    }

    private static LocalTime time(String text, String hhmm) {
        try {
            return LocalTime.parse(hhmm.length() == 4 ? "0" + hhmm : hhmm);
        } catch (DateTimeParseException e) {
            throw invalid(text, "'" + hhmm + "' is not a time of day (00:00 to 23:59)");
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a restart window: " + why + " (e.g. 'Mon-Fri 02:00-04:00',"
                + " 'Sat,Sun 22:00-02:00', 'daily 03:00-05:00'; host local time)");
    }

    /** How long the window stays open each time. */
    public Duration length() {
        Duration d = Duration.between(start, end);
        return d.isNegative() ? d.plusDays(1) : d;
    }

    /** Whether the window crosses midnight. */
    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }

    /** The opening of the window {@code at} is in, or empty when it is outside every window. */
    public Optional<ZonedDateTime> openedAt(ZonedDateTime at) {
        // the window containing it opened today or, crossing midnight, yesterday
        for (int back = 0; back <= 1; back++) {
            LocalDate day = at.toLocalDate().minusDays(back);
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime open = ZonedDateTime.of(LocalDateTime.of(day, start), at.getZone());
            ZonedDateTime close = open.plus(length());
            if (!at.isBefore(open) && at.isBefore(close)) {
                return Optional.of(open);
            }
        }
        return Optional.empty();
    }

    public boolean contains(ZonedDateTime at) {
        return openedAt(at).isPresent();
    }

    /** The first opening strictly after {@code at}. */
    public ZonedDateTime nextOpening(ZonedDateTime at) {
        for (int ahead = 0; ahead <= 8; ahead++) {
            LocalDate day = at.toLocalDate().plusDays(ahead);
            if (days.contains(day.getDayOfWeek())) {
                ZonedDateTime open = ZonedDateTime.of(LocalDateTime.of(day, start), at.getZone());
                if (open.isAfter(at)) {
                    return open;
                }
            }
        }
        throw new IllegalStateException("no opening within a week of " + at); // days is never empty
    }

    /**
     * systemd's {@code OnCalendar} value for the openings shifted by {@code delay} (less than a day; the host's
     * jitter), e.g. {@code Mon,Tue,Wed,Thu,Fri *-*-* 02:17:33}.
     */
    public String onCalendar(Duration delay) {
        long seconds = start.toSecondOfDay() + delay.toSeconds();
        long dayShift = seconds / 86400;
        LocalTime at = LocalTime.ofSecondOfDay(seconds % 86400);
        List<String> names = new ArrayList<>();
        EnumSet.copyOf(days).stream().map(d -> d.plus(dayShift)).sorted()
                .forEach(d -> names.add(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)));
        return String.join(",", names) + " *-*-* " + String.format("%02d:%02d:%02d", at.getHour(), at.getMinute(), at.getSecond());
    }

    /** The window as {@link #parse} reads it, e.g. {@code Mon-Fri 02:00-04:00} (days as a list: Mon,Tue,...). */
    @Override
    public String toString() {
        String list = days.size() == 7 ? "daily" : String.join(",", EnumSet.copyOf(days).stream()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toList());
        return list + " " + start + "-" + end;
    }
}
