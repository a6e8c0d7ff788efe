package io.rootfleet.model.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void map_keepsItemOrder() {
        List<Integer> results = Parallel.map(List.of(30, 1, 20, 2), 4, "test", n -> {
            sleep(n);
            return n * 10;
        });
        assertThat(results).containsExactly(300, 10, 200, 20);
    }

    @Test
    void map_neverRunsMoreThanTheLimitAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Parallel.map(List.of(1, 2, 3, 4, 5, 6, 7, 8), 3, "test", n -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(20);
            running.decrementAndGet();
            return n;
        });
        assertThat(most.get()).isBetween(1, 3);
    }

    @Test
    void map_givesTheCrashedResultForAJobThatThrows() {
        List<String> results = Parallel.map(List.of("a", "b", "c"), 2, "test", s -> {
            if (s.equals("b")) {
                throw new IllegalArgumentException("boom");
            }
            return s;
        }, (s, crash) -> s + ":" + crash.getMessage());
        assertThat(results).containsExactly("a", "b:boom", "c");
    }

    @Test
    void map_withoutACrashHandler_rethrowsNamingTheItem() {
        assertThatThrownBy(() -> Parallel.map(List.of("x"), 1, "apply", s -> {
            throw new IllegalStateException("broken");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("apply failed unexpectedly for x");
    }

    @Test
    void map_refusesALimitBelowOne() {
        assertThatThrownBy(() -> Parallel.map(List.of(1), 0, "test", n -> n))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
