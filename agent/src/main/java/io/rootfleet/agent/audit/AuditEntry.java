package io.rootfleet.agent.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of the audit log: one change made by one run of the agent.
 *
 * @param time when the command ended, ISO-8601 UTC ({@code 2026-11-27T08:30:00.123Z})
 * @param who the actor as a person reads it ({@link Actor#describe})
 * @param actor the same, field by field
 * @param command the command ({@code apply}, {@code restart}, {@code hold}, ...)
 * @param argv its arguments as given, the command first
 * @param changed what it changed, by container name
 * @param result the exit status's name ({@code OK}, {@code FAILED}, ...)
 * @param exitCode the exit code
 * @param millis how long it took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(String time, String who, Actor actor, String command, List<String> argv, Changes changed,
        String result, int exitCode, long millis) {

    public AuditEntry {
        if (time == null || command == null) {
            throw new IllegalArgumentException(time == null ? "it has no time" : "it has no command");
        }
        argv = argv == null ? List.of() : List.copyOf(argv);
        changed = changed == null ? Changes.NONE : changed;
        who = who == null && actor != null ? actor.describe() : who;
    }

    /** When, as an instant; null when the line's time does not parse. */
    @JsonIgnore
    public Instant instant() {
        try {
            return Instant.parse(time);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code 2026-11-27T08:30:00Z alice (sudo) from 10.0.0.5:51234 restart --stale: restarted web-1 -> OK (0)}. */
    public String line() {
        String what = changed.describe();
        return time + " " + who + " " + String.join(" ", argv) + (what.isEmpty() ? "" : ": " + what) + " -> " + result
                + " (" + exitCode + ")";
    }

    /**
     * What a command changed, container names by kind of change. {@code host} is in held/unheld when the hold was
     * on the whole host.
     *
     * @param restartMillis how long each restarted container took to stop, start and be healthy
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Changes(List<String> created, List<String> changed, List<String> started, List<String> stopped,
            List<String> restarted, List<String> failed, List<String> removed, List<String> held, List<String> unheld,
            Map<String, Long> restartMillis) {
        public static final Changes NONE = new Changes(null, null, null, null, null, null, null, null, null, null);

        public Changes {
            created = copy(created);
            changed = copy(changed);
            started = copy(started);
            stopped = copy(stopped);
            restarted = copy(restarted);
            failed = copy(failed);
            removed = copy(removed);
            held = copy(held);
            unheld = copy(unheld);
            restartMillis = restartMillis == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(restartMillis));
        }

        private static List<String> copy(List<String> list) {
            return list == null ? List.of() : List.copyOf(list);
        }

        /** {@code created web-1; restarted web-2, web-3}; empty when nothing changed. */
        public String describe() {
            StringBuilder s = new StringBuilder();
            add(s, "created", created);
            add(s, "changed", changed);
            add(s, "started", started);
            add(s, "stopped", stopped);
            add(s, "restarted", restarted);
            add(s, "failed", failed);
            add(s, "removed", removed);
            add(s, "held", held);
            add(s, "unheld", unheld);
            return s.toString();
        }

        @JsonIgnore
        public boolean isEmpty() {
            return describe().isEmpty();
        }

        private static void add(StringBuilder s, String what, List<String> names) {
            if (!names.isEmpty()) {
                s.append(s.isEmpty() ? "" : "; ").append(what).append(' ').append(String.join(", ", names));
            }
        }
    }
}
