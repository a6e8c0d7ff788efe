package io.rootfleet.agent.hook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcLocksTest {
    private static final String TABLE = """
            1: POSIX  ADVISORY  WRITE 8584 fe:00:398611 0 EOF
            2: POSIX  ADVISORY  WRITE 8584 fe:00:402117 0 EOF
            3: FLOCK  ADVISORY  WRITE 9120 00:1a:4711 0 EOF
            3: -> FLOCK  ADVISORY  WRITE 9121 00:1a:4712 0 EOF
            4: OFDLCK ADVISORY  READ  -1 103:02:18446744073709551615 0 EOF
            5: LEASE  ACTIVE    READ  77 fe:00:99 0 EOF
            6: LEASE  BREAKING  UNLCK 78 fe:00:98 0 EOF
            7: POSIX  ADVISORY  WRITE 80 <none>:0 0 EOF

            """;

    @Test
    void parse_readsHoldersOfEveryKind() {
        ProcLocks locks = ProcLocks.parse(TABLE);
        assertThat(locks.held()).containsExactly(
                new ProcLocks.Held(new FileId(0xfe, 0, 398611), 8584, "POSIX"),
                new ProcLocks.Held(new FileId(0xfe, 0, 402117), 8584, "POSIX"),
                new ProcLocks.Held(new FileId(0, 0x1a, 4711), 9120, "FLOCK"),
                new ProcLocks.Held(new FileId(0x103, 2, -1L), -1, "OFDLCK"),
                new ProcLocks.Held(new FileId(0xfe, 0, 99), 77, "LEASE"));
    }

    @Test
    void isLocked_matchesDeviceAndInode_notAWaiterNorTheSameInodeElsewhere() {
        ProcLocks locks = ProcLocks.parse(TABLE);
        assertThat(locks.isLocked(new FileId(254, 0, 402117))).isTrue();
        assertThat(locks.isLocked(new FileId(0, 26, 4712))).as("only waited for").isFalse();
        assertThat(locks.isLocked(new FileId(254, 1, 402117))).as("other device").isFalse();
        assertThat(locks.isLocked(new FileId(254, 0, 98))).as("a lease being given up").isFalse();
    }

    @Test
    void parse_emptyTable() {
        assertThat(ProcLocks.parse("").held()).isEmpty();
    }

    @Test
    void fileId_splitsDevLikeGlibc() {
        assertThat(FileId.fromDev(65024, 7)).isEqualTo(new FileId(254, 0, 7)); // fe00: a virtio disk
        assertThat(FileId.fromDev(0x1a, 7)).isEqualTo(new FileId(0, 26, 7)); // an anonymous device (tmpfs)
        assertThat(FileId.fromDev(0x0000_1000_5672_3489L, 7)).isEqualTo(new FileId(0x1234, 0x56789, 7)); // makedev(0x1234, 0x56789)
    }
}
