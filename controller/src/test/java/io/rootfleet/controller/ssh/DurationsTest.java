package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void human_writesTheShortestReadableForm() {
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.human(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.human(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.human(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(Durations.human(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Durations.human(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.human(Duration.ofDays(2))).isEqualTo("48h");
        assertThat(Durations.human(Duration.ofMillis(-250))).isEqualTo("-250ms");
    }
}
