package io.rootfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void parse_unitsSummed() {
        assertThat(DurationText.parse("90s")).hasValue(Duration.ofSeconds(90));
        assertThat(DurationText.parse("1h30m")).hasValue(Duration.ofMinutes(90));
        assertThat(DurationText.parse(" 500ms ")).hasValue(Duration.ofMillis(500));
        assertThat(DurationText.parse("7d")).hasValue(Duration.ofDays(7));
        assertThat(DurationText.parse("0s")).hasValue(Duration.ZERO);
    }

    @Test
    void parse_anythingElse_isEmpty() {
        assertThat(DurationText.parse("")).isEmpty();
        assertThat(DurationText.parse("10")).isEmpty();
        assertThat(DurationText.parse("10 m")).isEmpty();
        assertThat(DurationText.parse("1h30")).isEmpty();
        assertThat(DurationText.parse("-5s")).isEmpty();
        assertThat(DurationText.parse("2026-11-27")).isEmpty();
    }
}
