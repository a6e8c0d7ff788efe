package io.rootfleet.controller.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.ContainerName;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameRangeTest {

    @Test
    void expand_keepsANameWithoutBraces() {
        assertThat(names("web-01")).containsExactly("web-01");
    }

    @Test
    void expand_countsARangeWithoutPadding() {
        assertThat(names("db-{1..3}")).containsExactly("db-1", "db-2", "db-3");
        assertThat(names("db-{8..11}")).containsExactly("db-8", "db-9", "db-10", "db-11");
    }

    @Test
    void expand_padsToTheWiderBoundWhenABoundHasALeadingZero() {
        assertThat(names("web-{01..50}")).hasSize(50).startsWith("web-01", "web-02").endsWith("web-50");
        assertThat(names("web-{1..010}")).hasSize(10).startsWith("web-001").endsWith("web-010");
        assertThat(names("web-{098..101}")).containsExactly("web-098", "web-099", "web-100", "web-101");
    }

    @Test
    void expand_placesTheRangeAnywhereInTheName() {
        assertThat(names("{1..2}-cache")).containsExactly("1-cache", "2-cache");
        assertThat(names("a{7..7}b")).containsExactly("a7b");
    }

    @Test
    void expand_makesTheMostNamesAllowed() {
        assertThat(names("w-{1..10000}")).hasSize(NameRange.MAX_NAMES).endsWith("w-10000");
    }

    @Test
    void expand_refusesARangeThatCountsDown() {
        assertThatThrownBy(() -> NameRange.expand("web-{05..01}")).hasMessage(
                "range {05..01} counts down; write the smaller number first, like {01..05}");
    }

    @Test
    void expand_refusesBoundsThatAreNotWholeNumbers() {
        assertThatThrownBy(() -> NameRange.expand("web-{a..c}")).hasMessage(
                "range {a..c} is not two whole numbers; write it like {1..3} or {01..50}");
        assertThatThrownBy(() -> NameRange.expand("web-{1..}")).hasMessage(
                "range {1..} is not two whole numbers; write it like {1..3} or {01..50}");
        assertThatThrownBy(() -> NameRange.expand("web-{1,2}")).hasMessage(
                "range {1,2} is not two whole numbers; write it like {1..3} or {01..50}");
    }

    @Test
    void expand_refusesMoreThanTheMostNamesAllowed() {
        assertThatThrownBy(() -> NameRange.expand("w-{0..10000}")).hasMessage(
                "range {0..10000} makes 10001 names; one entry may make at most 10000");
        assertThatThrownBy(() -> NameRange.expand("w-{1..999999999}")).hasMessage(
                "range {1..999999999} makes 999999999 names; one entry may make at most 10000");
    }

    @Test
    void expand_refusesTwoRangesAndUnpairedBraces() {
        String advice = " has more than one range or an unpaired brace; write at most one range, like web-{01..50}";
        assertThatThrownBy(() -> NameRange.expand("r{1..2}-{1..2}")).hasMessage("name 'r{1..2}-{1..2}'" + advice);
        assertThatThrownBy(() -> NameRange.expand("web-{1..2")).hasMessage("name 'web-{1..2'" + advice);
        assertThatThrownBy(() -> NameRange.expand("web-1..2}")).hasMessage("name 'web-1..2}'" + advice);
        assertThatThrownBy(() -> NameRange.expand("web-{{1..2}}")).hasMessage("name 'web-{{1..2}}'" + advice);
    }

    @Test
    void expand_refusesARangeThatMakesInvalidNames() {
        assertThatThrownBy(() -> NameRange.expand("Web-{1..3}")).hasMessage("name 'Web-{1..3}' makes invalid"
                + " names: container name 'Web-1' is not valid; use 1 to 63 lowercase letters, digits and '-',"
                + " starting and ending with a letter or digit (e.g. web-01)");
        assertThatThrownBy(() -> NameRange.expand("x".repeat(60) + "-{1..100}")).hasMessageStartingWith(
                "name '" + "x".repeat(60) + "-{1..100}' makes invalid names: container name '" + "x".repeat(60)
                        + "-100' is not valid");
    }

    @Test
    void expand_refusesAnInvalidPlainName() {
        assertThatThrownBy(() -> NameRange.expand("Web_1")).hasMessage("container name 'Web_1' is not valid; use 1"
                + " to 63 lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. web-01)");
    }

    private static List<String> names(String pattern) {
        return NameRange.expand(pattern).stream().map(ContainerName::value).toList();
    }
}
