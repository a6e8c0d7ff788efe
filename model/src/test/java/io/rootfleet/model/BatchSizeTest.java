package io.rootfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.yaml.InvalidInputException;
import java.util.List;
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

    @Test
    void parse_readsACountOrAPercentage() {
        assertThat(BatchSize.parse("3", "--serial", "hosts")).isEqualTo(new BatchSize(3, false));
        assertThat(BatchSize.parse(" 25% ", "--serial", "hosts")).isEqualTo(new BatchSize(25, true));
        assertThat(BatchSize.parse("100%", "--serial", "hosts")).isEqualTo(BatchSize.ALL);
        assertThat(BatchSize.parse("3", "--serial", "hosts")).hasToString("3");
        assertThat(BatchSize.parse("25%", "--serial", "hosts")).hasToString("25%");
    }

    @Test
    void parse_refusesWhatIsNotABatchSize_namingTheOptionAndWhatToGive() {
        for (String bad : List.of("0", "0%", "101%", "-1", "1.5", "%", "", "two", "2 %", "9999999999")) {
            assertThatThrownBy(() -> BatchSize.parse(bad, "--serial", "hosts"))
                    .as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("--serial: '" + bad + "' is not a batch size; give a number of hosts from 1 (e.g. 2) or a"
                            + " percentage of them from 1% to 100% (e.g. 25%)");
        }
        assertThatThrownBy(() -> BatchSize.parse("0", "--batch", "containers"))
                .hasMessage("--batch: '0' is not a batch size; give a number of containers from 1 (e.g. 2) or a"
                        + " percentage of them from 1% to 100% (e.g. 25%)");
    }

    @Test
    void of_roundsAShareDownButNeverBelowOne() {
        assertThat(new BatchSize(25, true).of(10)).isEqualTo(2);
        assertThat(new BatchSize(30, true).of(3)).isEqualTo(1);
        assertThat(new BatchSize(1, true).of(1)).isEqualTo(1);
        assertThat(new BatchSize(50, true).of(0)).isEqualTo(1);
        assertThat(BatchSize.ALL.of(14)).isEqualTo(14);
        // one rule for controller and agent: a count larger than the whole takes the whole (split is the same)
        assertThat(new BatchSize(5, false).of(2)).isEqualTo(2);
    }

    @Test
    void split_keepsTheOrder_andTheLastBatchTakesTheRest() {
        List<String> hosts = List.of("a", "b", "c", "d", "e");

        assertThat(new BatchSize(2, false).split(hosts)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(new BatchSize(1, false).split(hosts)).hasSize(5).first().isEqualTo(List.of("a"));
        assertThat(new BatchSize(40, true).split(hosts)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(BatchSize.ALL.split(hosts)).containsExactly(hosts);
        assertThat(new BatchSize(9, false).split(hosts)).containsExactly(hosts);
        assertThat(BatchSize.ALL.split(List.of())).isEmpty();
    }
}
