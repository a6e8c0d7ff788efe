package io.rootfleet.agent.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatchSizeTest {

    @Test
    void parse_countAndPercentage() {
        assertThat(BatchSize.parse("5")).isEqualTo(new BatchSize(5, false));
        assertThat(BatchSize.parse(" 25% ")).isEqualTo(new BatchSize(25, true));
        assertThat(BatchSize.parse("100%").toString()).isEqualTo("100%");
    }

    @Test
    void parse_rejectsWhatIsNotASize() {
        for (String bad : new String[] {"", "%", "abc", "-1", "2.5", "5 %", "1e3", "99999999999"}) {
            assertThatThrownBy(() -> BatchSize.parse(bad)).as(bad)
                    .hasMessage("'" + bad + "' is not a batch size; give a count like 5 or a share of the containers like 25%");
        }
    }

    @Test
    void parse_rejectsOutOfRange() {
        assertThatThrownBy(() -> BatchSize.parse("0")).hasMessage("batch size 0 is not at least 1");
        assertThatThrownBy(() -> BatchSize.parse("0%")).hasMessage("batch size 0% is not between 1% and 100%");
        assertThatThrownBy(() -> BatchSize.parse("101%")).hasMessage("batch size 101% is not between 1% and 100%");
    }

    @Test
    void of_percentageRoundsDownButNeverBelowOne() {
        assertThat(BatchSize.parse("25%").of(10)).isEqualTo(2);
        assertThat(BatchSize.parse("25%").of(100)).isEqualTo(25);
        assertThat(BatchSize.parse("25%").of(3)).isEqualTo(1);
        assertThat(BatchSize.parse("1%").of(1)).isEqualTo(1);
        assertThat(BatchSize.parse("100%").of(7)).isEqualTo(7);
        assertThat(BatchSize.parse("33%").of(10)).isEqualTo(3);
    }

    @Test
    void of_countIsCappedByTheContainersThereAre() {
        assertThat(BatchSize.parse("5").of(3)).isEqualTo(3);
        assertThat(BatchSize.parse("5").of(12)).isEqualTo(5);
        assertThat(BatchSize.parse("5").of(0)).isEqualTo(1);
    }
}
