package io.rootfleet.controller.patch;

import static io.rootfleet.controller.patch.Scans.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.yaml.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanaryTest {
    private static final Set<String> HOSTS = Set.of("web-1", "web-2", "db-1");

    @Test
    void parse_aNumber_picksTheFirstStaleHosts() {
        Canary canary = Canary.parse("2", "90s", HOSTS);
        assertThat(canary.count()).isEqualTo(2);
        assertThat(canary.soak()).isEqualTo(Duration.ofSeconds(90));
        assertThat(canary.interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(canary.pick(List.of(host("web-2"), host("db-1"), host("web-1")))).extracting(h -> h.name())
                .containsExactly("web-2", "db-1");
        assertThat(canary.pick(List.of(host("db-1")))).extracting(h -> h.name()).containsExactly("db-1");
    }

    @Test
    void parse_names_pickThoseWithStaleContainers() {
        Canary canary = Canary.parse("db-1, web-1", null, HOSTS);
        assertThat(canary.hosts()).containsExactly("db-1", "web-1");
        assertThat(canary.soak()).isZero();
        assertThat(canary.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(canary.pick(List.of(host("web-1"), host("web-2")))).extracting(h -> h.name()).containsExactly("web-1");
    }

    @Test
    void parse_durations() {
        assertThat(Canary.duration("1h30m", "--soak")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Canary.duration("500ms", "--soak")).isEqualTo(Duration.ofMillis(500));
        assertThat(Canary.parse("1", "1h", HOSTS).interval()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> Canary.duration("10 minutes", "--soak")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'10 minutes' is not a duration; give one such as 90s, 10m or 1h30m");
    }

    @Test
    void parse_refusesUnknownHostsAndZero() {
        assertThatThrownBy(() -> Canary.parse("web-1,web-9", null, HOSTS)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--canary").hasMessageContaining("no such host in the playbook (or --limit): web-9");
        assertThatThrownBy(() -> Canary.parse("0", null, HOSTS)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'0' is not a number of canary hosts");
    }
}
