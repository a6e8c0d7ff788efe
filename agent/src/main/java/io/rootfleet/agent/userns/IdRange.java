package io.rootfleet.agent.userns;

/**
 * A block of host uids (and the gids with the same numbers) that a container's user namespace maps to its own
 * ids 0..count-1: container id {@code n} is host id {@code hostBase + n}.
 */
public record IdRange(long hostBase, long count) {
    /** 65536 ids: what a Debian system needs inside (nobody is 65534) and what {@code useradd} gives a user. */
    public static final long DEFAULT_COUNT = 65536;
    /** The highest valid host id: uid_t is 32 bits and (uid_t) -1 means "no change" to chown. */
    public static final long MAX_ID = 4_294_967_294L;

    public IdRange {
        if (hostBase < 1 || count < 1 || hostBase + count - 1 > MAX_ID) {
            throw new IllegalArgumentException("invalid id range " + hostBase + "+" + count
                    + ": the base must be at least 1 and the last id at most " + MAX_ID);
        }
    }

    public static IdRange of(long hostBase) {
        return new IdRange(hostBase, DEFAULT_COUNT);
    }

    /** The last host id of the range. */
    public long last() {
        return hostBase + count - 1;
    }

    public boolean contains(long hostId) {
        return hostId >= hostBase && hostId <= last();
    }

    public boolean covers(IdRange other) {
        return other.hostBase >= hostBase && other.last() <= last();
    }

    public boolean overlaps(IdRange other) {
        return hostBase <= other.last() && other.hostBase <= last();
    }

    /** The line for /proc/PID/uid_map and gid_map, and the numbers of lxc.idmap: inside, host, count. */
    public String mapLine() {
        return "0 " + hostBase + " " + count;
    }

    @Override
    public String toString() {
        return hostBase + "-" + last();
    }
}
