package io.rootfleet.model.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopRequestTest {
    @Test
    void request_keepsTheFirstReason_andRunsEachCallbackOnce() throws InterruptedException {
        StopRequest stop = StopRequest.create();
        List<String> calls = new ArrayList<>();
        stop.whenRequested(() -> calls.add("first"));
        assertThat(stop.reason()).isEmpty();
        assertThat(stop.await(Duration.ofMillis(1))).isFalse();
        stop.request("SIGINT");
        stop.request("SIGTERM");
        stop.whenRequested(() -> calls.add("late"));
        assertThat(stop.reason()).hasValue("SIGINT");
        assertThat(stop.isRequested()).isTrue();
        assertThat(stop.await(Duration.ofHours(1))).isTrue();
        assertThat(calls).containsExactly("first", "late");
    }

    @Test
    void never_isNeverRequested() {
        StopRequest stop = StopRequest.never();
        stop.request("SIGINT");
        assertThat(stop.reason()).isEmpty();
        assertThat(stop.isRequested()).isFalse();
    }

    @Test
    void stopSignals_canBeRoutedAndPutBack() {
        StopRequest stop = StopRequest.create();
        try (StopSignals signals = StopSignals.routeTo(stop)) {
            assertThat(stop.reason()).isEmpty();
        }
    }
}
