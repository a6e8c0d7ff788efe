package io.rootfleet.agent.userns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdShiftTest {
    private static final IdRange RANGE = IdRange.of(1_000_000);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "into, 0, 1000000",
        "into, 65535, 1065535",
        "into, 1000033, 1000033", // already shifted: left alone
        "outOf, 1000000, 0",
        "outOf, 1065535, 65535",
        "outOf, 33, 33",
    })
    void apply_shiftsIdsOfTheSourceBlockAndLeavesThoseOfTheTarget(String direction, long id, long expected) {
        IdShift shift = direction.equals("into") ? IdShift.into(RANGE) : IdShift.outOf(RANGE);
        assertThat(shift.apply(id, "uid", "/u/a")).isEqualTo(expected);
    }

    @Test
    void apply_refusesIdsOfNeitherBlockNamingTheFile() {
        assertThatThrownBy(() -> IdShift.into(RANGE).apply(65536, "uid", "/u/etc/x"))
                .isInstanceOf(IdShift.IdOutOfRangeException.class)
                .hasMessage("/u/etc/x: uid 65536 is outside 0-65535 (the ids to shift) and 1000000-1065535 (the ids they "
                        + "become); nothing was changed. Give the file an owner inside the container's ids, or remove it, "
                        + "and convert again");
        assertThatThrownBy(() -> IdShift.outOf(RANGE).apply(2_000_000, "gid", "/u/y"))
                .hasMessageStartingWith("/u/y: gid 2000000 is outside 1000000-1065535 (the ids to shift) and 0-65535");
    }

    @Test
    void aRangeOverlappingTheHostsOwnIdsIsRefused() {
        assertThatThrownBy(() -> IdShift.into(IdRange.of(65535)))
                .hasMessageContaining("overlaps the ids 0-65535 it shifts");
    }
}
