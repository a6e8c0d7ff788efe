package io.rootfleet.agent.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The audit log's line format, both ways. Pure. */
public final class AuditLines {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private AuditLines() {}

    /** ISO-8601 UTC to the millisecond, as every line's time: {@code 2026-11-27T08:30:00.123Z}. */
    public static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** One line, without its newline: a JSON object, never containing a newline. */
    public static String format(AuditEntry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an audit line for " + entry.command(), e);
        }
    }

    /**
     * What a log's text holds: the entries that parse, in order, and one problem per line that does not ({@code
     * audit.log:7: not an audit line: ...}). Blank lines are skipped; a last line without its newline (a write cut
     * short) is read like the others.
     *
     * @param source the file's name, for the problems
     */
    public static Read parse(String text, String source) {
        List<AuditEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                AuditEntry entry = JSON.readValue(line, AuditEntry.class);
                if (entry.instant() == null) {
                    problems.add(source + ":" + (i + 1) + ": not an audit line: its time '" + entry.time()
                            + "' is not an ISO-8601 instant");
                } else {
                    entries.add(entry);
                }
            } catch (JsonProcessingException | RuntimeException e) {
                String why = e.getCause() instanceof IllegalArgumentException invalid ? invalid.getMessage()
                        : e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                problems.add(source + ":" + (i + 1) + ": not an audit line (" + firstLine(why) + "): "
                        + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
            }
        }
        return new Read(entries, problems);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The entries of a log and the lines that could not be read, each as {@code FILE:LINE: why}. */
    public record Read(List<AuditEntry> entries, List<String> problems) {
        public Read {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }

        /** The entries at or after {@code since}. */
        public List<AuditEntry> since(Instant since) {
            return entries.stream().filter(e -> !e.instant().isBefore(since)).toList();
        }
    }
}
