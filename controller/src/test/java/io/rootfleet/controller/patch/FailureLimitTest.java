package io.rootfleet.controller.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.yaml.InvalidInputException;
import org.junit.jupiter.api.Test;

class FailureLimitTest {
    @Test
    void zero_stopsAtTheFirstFailedHost() {
        FailureLimit limit = new FailureLimit(0);

        assertThat(limit.exceeded(0, 5)).isFalse();
        assertThat(limit.exceeded(1, 1)).isTrue();
        assertThat(limit.exceeded(1, 100)).isTrue();
    }

    @Test
    void aPercentage_stopsOnlyWhenMoreThanItFailedSoFar() {
        FailureLimit limit = new FailureLimit(50);

        assertThat(limit.exceeded(1, 2)).as("exactly 50%").isFalse();
        assertThat(limit.exceeded(2, 3)).isTrue();
        assertThat(new FailureLimit(10).exceeded(1, 10)).isFalse();
        assertThat(new FailureLimit(10).exceeded(2, 10)).isTrue();
        assertThat(new FailureLimit(33).exceeded(1, 3)).as("33.3% > 33%").isTrue();
    }

    @Test
    void hundred_neverStops() {
        assertThat(new FailureLimit(100).exceeded(7, 7)).isFalse();
        assertThat(new FailureLimit(0).exceeded(0, 0)).as("nothing done yet").isFalse();
    }

    @Test
    void of_refusesWhatIsNotAPercentage() {
        assertThat(FailureLimit.of(25, "--max-fail-percentage")).isEqualTo(new FailureLimit(25));
        assertThatThrownBy(() -> FailureLimit.of(101, "--max-fail-percentage"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--max-fail-percentage: 101 is not a percentage; give 0 (stop at the first failed host, the"
                        + " default) to 100 (never stop)");
        assertThatThrownBy(() -> FailureLimit.of(-1, "--max-fail-percentage")).isInstanceOf(InvalidInputException.class);
    }
}
