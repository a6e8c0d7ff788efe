package io.rootfleet.agent.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Debian version ordering, against what {@code dpkg --compare-versions} answers. */
class DebianVersionTest {

    @Test
    void parse_splitsEpochUpstreamAndRevision_atTheFirstColonAndTheLastDash() {
        assertThat(DebianVersion.parse("1:2.3-4-5")).isEqualTo(new DebianVersion(1, "2.3-4", "5"));
        assertThat(DebianVersion.parse("3.0.19-1~deb12u2")).isEqualTo(new DebianVersion(0, "3.0.19", "1~deb12u2"));
        assertThat(DebianVersion.parse("1.0")).isEqualTo(new DebianVersion(0, "1.0", ""));
        assertThat(DebianVersion.parse("2:1.0").toString()).isEqualTo("2:1.0");
        assertThat(DebianVersion.parse("1.0-1").toString()).isEqualTo("1.0-1");
    }

    @Test
    void parse_refusesWhatIsNoVersion() {
        assertThatThrownBy(() -> DebianVersion.parse("")).hasMessageContaining("is not a Debian version");
        assertThatThrownBy(() -> DebianVersion.parse("x:1.0")).hasMessageContaining("the epoch is not a number");
        assertThatThrownBy(() -> DebianVersion.parse("-1")).hasMessageContaining("no upstream part");
        assertThatThrownBy(() -> DebianVersion.parse("1 0")).hasMessageContaining("is not a Debian version");
    }

    @Test
    void compare_ordersAsDpkgDoes() {
        // each pair: a < b, as dpkg --compare-versions a lt b says
        String[][] lower = {
            {"1.0", "1.1"},
            {"1.0~rc1", "1.0"},
            {"1.0~~", "1.0~"},
            {"1.0~", "1.0"},
            {"1.0", "1.0a"},
            {"1.0a", "1.0+"},
            {"1.0", "1.0+b1"},
            {"1.0-1", "1.0-1+b1"},
            {"1.0-1", "1.0-2"},
            {"1.0-9", "1.0-10"},
            {"1.9", "1.10"},
            {"1.0.9", "1.0.10"},
            {"9.9", "1:0.1"},
            {"1:9", "2:0"},
            {"3.0.19-1~deb12u1", "3.0.19-1~deb12u2"},
            {"3.0.19-1~deb12u2", "3.0.19-1"},
            {"3.0.11-1~deb12u2", "3.0.19-1~deb12u1"},
            {"2.36-9+deb12u9", "2.36-9+deb12u10"},
            {"1.0", "1.0-0.1"},
            {"a", "b"},
            {"1.0-1", "1.0.1-1"},
            {"0.9", "1"},
            {"1.2.3", "1.2.3.0"},
        };
        for (String[] pair : lower) {
            assertThat(DebianVersion.compare(pair[0], pair[1])).as(pair[0] + " < " + pair[1]).isNegative();
            assertThat(DebianVersion.compare(pair[1], pair[0])).as(pair[1] + " > " + pair[0]).isPositive();
        }
    }

    @Test
    void compare_equalWhereOnlyTheSpellingDiffers() {
        assertThat(DebianVersion.compare("1.0", "1.00")).isZero();
        assertThat(DebianVersion.compare("0:1.0", "1.0")).isZero();
        assertThat(DebianVersion.compare("1.0-0", "1.0")).as("revision 0 is no revision").isZero();
        assertThat(DebianVersion.compare("1.01", "1.1")).isZero();
    }

    @Test
    void sorting_aListGivesDpkgsOrder() {
        List<String> expected = List.of("1.0~beta1", "1.0~rc1", "1.0", "1.0-1", "1.0-1+deb12u1", "1.0.1", "1.1", "2:0.1");
        List<DebianVersion> shuffled = new ArrayList<>(expected.stream().map(DebianVersion::parse).toList());
        Collections.reverse(shuffled);
        Collections.sort(shuffled);
        assertThat(shuffled.stream().map(DebianVersion::toString)).containsExactlyElementsOf(expected);
    }
}
