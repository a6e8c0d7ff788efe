package io.rootfleet.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SinceTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void durations_countBackFromNow() {
        assertThat(Since.parse("2h", NOW)).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(Since.parse("30m", NOW)).isEqualTo(Instant.parse("2026-11-27T09:30:00Z"));
        assertThat(Since.parse("90s", NOW)).isEqualTo(Instant.parse("2026-11-27T09:58:30Z"));
        assertThat(Since.parse("7d", NOW)).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void isoTimes_withOrWithoutOffset_andDates() {
        assertThat(Since.parse("2026-11-27T08:00:00Z", NOW)).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(Since.parse("2026-11-27T09:00:00+01:00", NOW)).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(Since.parse("2026-11-27T08:00", NOW)).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(Since.parse("2026-11-27", NOW)).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    }

    @Test
    void anythingElse_saysWhatIsAccepted() {
        assertThatThrownBy(() -> Since.parse("yesterday", NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'yesterday' is neither a time (2026-11-27T08:00:00Z, 2026-11-27) nor a duration back from now"
                        + " (90s, 30m, 2h, 7d)");
        assertThatThrownBy(() -> Since.parse("2w", NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
