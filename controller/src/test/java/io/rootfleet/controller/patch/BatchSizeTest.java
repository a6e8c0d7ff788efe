package io.rootfleet.controller.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.yaml.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSizeTest {
    @Test
    void parse_readsACountOrAPercentage() {
        assertThat(BatchSize.parse("3", "--serial", "hosts")).isEqualTo(new BatchSize(3, 0));
        assertThat(BatchSize.parse(" 25% ", "--serial", "hosts")).isEqualTo(new BatchSize(0, 25));
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
        assertThat(new BatchSize(0, 25).of(10)).isEqualTo(2);
        assertThat(new BatchSize(0, 30).of(3)).isEqualTo(1);
        assertThat(new BatchSize(0, 1).of(1)).isEqualTo(1);
        assertThat(new BatchSize(0, 50).of(0)).isEqualTo(1);
        assertThat(BatchSize.ALL.of(14)).isEqualTo(14);
        assertThat(new BatchSize(5, 0).of(2)).isEqualTo(5);
    }

    @Test
    void split_keepsTheOrder_andTheLastBatchTakesTheRest() {
        List<String> hosts = List.of("a", "b", "c", "d", "e");

        assertThat(new BatchSize(2, 0).split(hosts)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(new BatchSize(1, 0).split(hosts)).hasSize(5).first().isEqualTo(List.of("a"));
        assertThat(new BatchSize(0, 40).split(hosts)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(BatchSize.ALL.split(hosts)).containsExactly(hosts);
        assertThat(new BatchSize(9, 0).split(hosts)).containsExactly(hosts);
        assertThat(BatchSize.ALL.split(List.of())).isEmpty();
    }
}
