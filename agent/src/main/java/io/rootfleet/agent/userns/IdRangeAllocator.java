package io.rootfleet.agent.userns;

import io.rootfleet.model.ContainerName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gives each container a range of its own from an {@link IdPool}: the lowest free slot, so the same history
 * always gives the same ranges. A slot is free when no recorded container's range overlaps it (whether or not
 * that range is in the pool: the pool may have changed since) and no reserved range does (ranges /etc/subuid
 * or /etc/subgid give to other users). Pure.
 */
public final class IdRangeAllocator {
    private final IdPool pool;
    private final List<IdRange> reserved;

    public IdRangeAllocator(IdPool pool, List<IdRange> reserved) {
        this.pool = pool;
        this.reserved = List.copyOf(reserved);
    }

    /** The allocations with a range for {@code container}: its recorded one if it has one, else a new one. */
    public IdAllocations allocate(IdAllocations current, ContainerName container) {
        if (current.rangeOf(container).isPresent()) {
            return current;
        }
        TreeMap<Long, Long> blocked = merged(current.ranges().values(), reserved);
        for (int i = 0; i < pool.slots(); i++) {
            IdRange candidate = pool.slot(i);
            Map.Entry<Long, Long> below = blocked.floorEntry(candidate.last());
            if (below == null || below.getValue() < candidate.hostBase()) {
                return current.with(container, candidate);
            }
        }
        long reservedInPool = reserved.stream().filter(pool.whole()::overlaps).count();
        throw new IdPoolExhaustedException("no free id range for container '" + container.value() + "': the pool "
                + pool.whole() + " (" + pool.slots() + " ranges of " + pool.rangeSize() + ") has " + current.ranges().size()
                + " range(s) in use" + (reservedInPool == 0 ? "" : " and " + reservedInPool + " reserved for other users")
                + "; delete containers that are no longer needed (state: absent), or make the pool larger");
    }

    /** The taken ids as disjoint intervals, first id to last id, so one lookup tells whether a slot is free. */
    private static TreeMap<Long, Long> merged(Collection<IdRange> recorded, List<IdRange> reserved) {
        List<IdRange> all = new ArrayList<>(recorded);
        all.addAll(reserved);
        all.sort(Comparator.comparingLong(IdRange::hostBase));
        TreeMap<Long, Long> intervals = new TreeMap<>();
        for (IdRange r : all) {
            Map.Entry<Long, Long> last = intervals.lastEntry();
            if (last != null && r.hostBase() <= last.getValue() + 1) {
                intervals.put(last.getKey(), Math.max(last.getValue(), r.last()));
            } else {
                intervals.put(r.hostBase(), r.last());
            }
        }
        return intervals;
    }

    /**
     * The allocations without {@code container}'s range. Call it only once the container's files are gone:
     * a range released while its files exist would be handed to the next container with them.
     */
    public static IdAllocations release(IdAllocations current, ContainerName container) {
        return current.without(container);
    }

    /** Raised when every range of the pool is taken. */
    public static final class IdPoolExhaustedException extends RuntimeException {
        IdPoolExhaustedException(String message) {
            super(message);
        }
    }
}
