package io.rootfleet.agent.userns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.ContainerName;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IdRangeAllocatorTest {
    private static final IdPool SMALL = new IdPool(1_000_000, 65536, 3);
    private static final ContainerName A = new ContainerName("a");
    private static final ContainerName B = new ContainerName("b");
    private static final ContainerName C = new ContainerName("c");
    private static final ContainerName D = new ContainerName("d");

    private final IdRangeAllocator allocator = new IdRangeAllocator(SMALL, List.of());

    @Test
    void defaultPool_isAboveUseraddAndLxdAndBelowSystemdForeignRange() {
        IdRange whole = IdPool.DEFAULT.whole();
        assertThat(whole.hostBase()).isEqualTo(1_073_741_824L);
        assertThat(whole.last()).isEqualTo(2_147_352_575L); // 0x7FFE0000 - 1
        assertThat(whole.overlaps(new IdRange(100_000, 600_100_000L + 65536 - 100_000))).isFalse();
        assertThat(whole.overlaps(new IdRange(1_000_000, 1_000_000_000L))).isFalse();
        assertThat(whole.last()).isLessThan(1L << 31);
    }

    @Test
    void allocate_givesTheLowestFreeSlotsInOrder() {
        IdAllocations s = allocator.allocate(IdAllocations.NONE, A);
        s = allocator.allocate(s, B);
        assertThat(s.rangeOf(A)).contains(new IdRange(1_000_000, 65536));
        assertThat(s.rangeOf(B)).contains(new IdRange(1_065_536, 65536));
    }

    @Test
    void allocate_keepsARecordedRange() {
        IdAllocations s = allocator.allocate(allocator.allocate(IdAllocations.NONE, A), B);
        assertThat(allocator.allocate(s, A)).isSameAs(s);
    }

    @Test
    void allocate_isDeterministic() {
        IdAllocations one = allocator.allocate(allocator.allocate(IdAllocations.NONE, B), A);
        IdAllocations two = allocator.allocate(allocator.allocate(IdAllocations.NONE, B), A);
        assertThat(one).isEqualTo(two);
        assertThat(one.toJson()).isEqualTo(two.toJson());
    }

    @Test
    void release_freesTheSlotForTheNextContainerOnly() {
        IdAllocations s = allocator.allocate(allocator.allocate(allocator.allocate(IdAllocations.NONE, A), B), C);
        s = IdRangeAllocator.release(s, A);
        assertThat(s.rangeOf(A)).isEmpty();
        s = allocator.allocate(s, D);
        assertThat(s.rangeOf(D)).contains(new IdRange(1_000_000, 65536));
        assertThat(s.rangeOf(B)).contains(new IdRange(1_065_536, 65536));
    }

    @Test
    void allocate_neverReusesARecordedRangeEvenOutsideThePool() {
        // recorded under an older, differently placed pool: still owned by that container's files
        IdAllocations s = IdAllocations.NONE.with(A, new IdRange(1_032_768, 65536));
        s = allocator.allocate(s, B);
        assertThat(s.rangeOf(B)).contains(new IdRange(1_131_072, 65536));
    }

    @Test
    void allocate_skipsRangesReservedForOtherUsers() {
        IdRangeAllocator withReserved = new IdRangeAllocator(SMALL,
                List.of(new IdRange(1_000_005, 1), new IdRange(1_065_536, 10), new IdRange(1_065_540, 100)));
        assertThat(withReserved.allocate(IdAllocations.NONE, A).rangeOf(A)).contains(new IdRange(1_131_072, 65536));
    }

    @Test
    void allocate_whenThePoolIsFull_saysSoAndWhatToDo() {
        IdAllocations s = allocator.allocate(allocator.allocate(allocator.allocate(IdAllocations.NONE, A), B), C);
        assertThatThrownBy(() -> allocator.allocate(s, D))
                .isInstanceOf(IdRangeAllocator.IdPoolExhaustedException.class)
                .hasMessage("no free id range for container 'd': the pool 1000000-1196607 (3 ranges of 65536) has 3 range(s)"
                        + " in use; delete containers that are no longer needed (state: absent), or make the pool larger");
    }

    @Test
    void allocate_whenReservedRangesFillThePool_countsThem() {
        IdRangeAllocator crowded = new IdRangeAllocator(SMALL, List.of(new IdRange(1_100_000, 200_000)));
        IdAllocations s = crowded.allocate(IdAllocations.NONE, A);
        assertThatThrownBy(() -> crowded.allocate(s, B))
                .hasMessageContaining("has 1 range(s) in use and 1 reserved for other users");
    }

    @Test
    void allocations_refuseOverlappingRanges() {
        assertThatThrownBy(() -> new IdAllocations(new TreeMap<>(Map.of(
                        A, new IdRange(1_000_000, 65536), B, new IdRange(1_065_535, 65536)))))
                .hasMessage("id ranges of containers 'a' (1000000-1065535) and 'b' (1065535-1131070) overlap");
    }

    @Test
    void json_roundTripsAndIsSorted() {
        IdAllocations s = allocator.allocate(allocator.allocate(IdAllocations.NONE, B), A);
        assertThat(s.toJson()).isEqualTo("{\"version\":1,\"ranges\":{\"a\":{\"base\":1065536,\"count\":65536},"
                + "\"b\":{\"base\":1000000,\"count\":65536}}}");
        assertThat(IdAllocations.fromJson(s.toJson(), "ids.json")).isEqualTo(s);
    }

    @Test
    void json_errorsNameTheFile() {
        assertThatThrownBy(() -> IdAllocations.fromJson("{", "ids.json")).hasMessageStartingWith("ids.json: not valid JSON");
        assertThatThrownBy(() -> IdAllocations.fromJson("{\"version\":2,\"ranges\":{}}", "ids.json"))
                .hasMessage("ids.json: not an id range record of version 1");
        assertThatThrownBy(() -> IdAllocations.fromJson("{\"version\":1,\"ranges\":{\"a\":{\"base\":\"x\",\"count\":1}}}", "ids.json"))
                .hasMessage("ids.json: range of 'a' needs integer 'base' and 'count'");
        assertThatThrownBy(() -> IdAllocations.fromJson("{\"version\":1,\"ranges\":{\"A_b\":{\"base\":1,\"count\":1}}}", "ids.json"))
                .hasMessageContaining("container name 'A_b' is not valid");
    }

    @Test
    void idRange_refusesIdsThatDoNotExist() {
        assertThatThrownBy(() -> new IdRange(0, 65536)).hasMessageContaining("the base must be at least 1");
        assertThatThrownBy(() -> new IdRange(4_294_967_295L - 65535, 65536)).hasMessageContaining("at most 4294967294");
        assertThat(new IdRange(4_294_967_294L - 65535, 65536).last()).isEqualTo(4_294_967_294L);
    }
}
