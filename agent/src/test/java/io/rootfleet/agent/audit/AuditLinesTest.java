package io.rootfleet.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLinesTest {
    private static final Actor ALICE = new Actor("root", "alice", "10.0.0.5:51234", null);

    private static AuditEntry restart(String time) {
        return new AuditEntry(time, null, ALICE, "restart", List.of("--home", "/h", "restart", "--stale"),
                new AuditEntry.Changes(null, null, null, null, List.of("web-1"), List.of("web-2"), null, null, null,
                        Map.of("web-1", 812L)), "FAILED", 1, 2345);
    }

    @Test
    void format_isOneJsonObjectPerLine_withTheChangesThatHappened() {
        String line = AuditLines.format(restart("2026-11-27T08:30:00.123Z"));
        assertThat(line).isEqualTo("{\"time\":\"2026-11-27T08:30:00.123Z\",\"who\":\"alice (sudo) from 10.0.0.5:51234\","
                + "\"actor\":{\"user\":\"root\",\"sudoUser\":\"alice\",\"ssh\":\"10.0.0.5:51234\"},\"command\":\"restart\","
                + "\"argv\":[\"--home\",\"/h\",\"restart\",\"--stale\"],\"changed\":{\"restarted\":[\"web-1\"],"
                + "\"failed\":[\"web-2\"],\"restartMillis\":{\"web-1\":812}},\"result\":\"FAILED\",\"exitCode\":1,\"millis\":2345}");
        assertThat(AuditLines.format(new AuditEntry("2026-11-27T08:30:00Z", null, ALICE, "hold", List.of("hold", "--reason",
                "multi\nline"), AuditEntry.Changes.NONE, "OK", 0, 5))).doesNotContain("\n").contains("\"changed\":{}");
    }

    @Test
    void time_isIsoUtcToTheMillisecond() {
        assertThat(AuditLines.time(Instant.parse("2026-11-27T08:30:00.123456Z"))).isEqualTo("2026-11-27T08:30:00.123Z");
        assertThat(AuditLines.time(Instant.parse("2026-11-27T08:30:00Z"))).isEqualTo("2026-11-27T08:30:00Z");
    }

    @Test
    void parse_readsWhatFormatWrote_andReportsEveryOtherLineByNumber() {
        String text = AuditLines.format(restart("2026-11-27T08:30:00.123Z")) + "\n"
                + "garbage\n"
                + "\n"
                + "{\"time\":\"yesterday\",\"command\":\"apply\"}\n"
                + "{\"command\":\"apply\"}\n"
                + AuditLines.format(restart("2026-11-27T09:00:00Z")).substring(0, 40); // a write cut short
        AuditLines.Read read = AuditLines.parse(text, "/h/audit.log");
        assertThat(read.entries()).containsExactly(restart("2026-11-27T08:30:00.123Z"));
        assertThat(read.problems()).hasSize(4);
        assertThat(read.problems().get(0)).startsWith("/h/audit.log:2: not an audit line (").endsWith("): garbage");
        assertThat(read.problems().get(1)).isEqualTo("/h/audit.log:4: not an audit line: its time 'yesterday' is not an"
                + " ISO-8601 instant");
        assertThat(read.problems().get(2)).isEqualTo("/h/audit.log:5: not an audit line (it has no time): {\"command\":\"apply\"}");
        assertThat(read.problems().get(3)).startsWith("/h/audit.log:6: ");
    }

    @Test
    void since_keepsEntriesAtOrAfter() {
        AuditLines.Read read = AuditLines.parse(AuditLines.format(restart("2026-11-27T08:00:00Z")) + "\n"
                + AuditLines.format(restart("2026-11-27T09:00:00Z")) + "\n", "audit.log");
        assertThat(read.since(Instant.parse("2026-11-27T09:00:00Z"))).extracting(AuditEntry::time)
                .containsExactly("2026-11-27T09:00:00Z");
        assertThat(read.since(Instant.EPOCH)).hasSize(2);
    }

    @Test
    void line_forPeople() {
        assertThat(restart("2026-11-27T08:30:00Z").line()).isEqualTo("2026-11-27T08:30:00Z alice (sudo) from 10.0.0.5:51234"
                + " --home /h restart --stale: restarted web-1; failed web-2 -> FAILED (1)");
    }
}
