package io.rootfleet.agent.userns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdShiftTest {
    private static final IdRange RANGE = IdRange.of(1_000_000);

    @Test
    void into_addsTheBaseAndLeavesShiftedIds() {
        IdShift shift = IdShift.into(RANGE);
        assertThat(shift.apply(0, "uid", "/u/a")).isEqualTo(1_000_000);
        assertThat(shift.apply(65535, "uid", "/u/a")).isEqualTo(1_065_535);
        assertThat(shift.apply(1_000_033, "gid", "/u/a")).isEqualTo(1_000_033);
    }

    @Test
    void outOf_subtractsTheBaseAndLeavesShiftedIds() {
        IdShift shift = IdShift.outOf(RANGE);
        assertThat(shift.apply(1_000_000, "uid", "/u/a")).isEqualTo(0);
        assertThat(shift.apply(1_065_535, "uid", "/u/a")).isEqualTo(65535);
        assertThat(shift.apply(33, "gid", "/u/a")).isEqualTo(33);
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
