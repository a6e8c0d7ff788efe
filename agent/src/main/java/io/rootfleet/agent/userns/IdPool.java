package io.rootfleet.agent.userns;

/**
 * The host ids rootfleet hands out to containers, as {@code slots} consecutive ranges of {@code rangeSize} ids
 * from {@code first}.
 *
 * <p>The default pool is {@code 1073741824} (2^30) to {@code 2147352575}: 16382 ranges of 65536. It is above
 * everything Debian's useradd ever puts in /etc/subuid (SUB_UID_MIN 100000 to SUB_UID_MAX 600100000, 65536
 * each) and above LXD's and Incus's usual {@code root:1000000:1000000000}; below 2^31, since some tools still
 * take ids as signed 32-bit numbers; and it stops short of systemd's "foreign" range (2147352576-2147418111).
 */
public record IdPool(long first, long rangeSize, int slots) {
    public static final IdPool DEFAULT = new IdPool(1L << 30, IdRange.DEFAULT_COUNT, 16382);

    public IdPool {
        if (slots < 1 || rangeSize < 1 || first < rangeSize) {
            throw new IllegalArgumentException("invalid id pool: first " + first + ", " + slots + " ranges of " + rangeSize
                    + "; it needs at least one range, and must start at or above its range size (ids below it are the "
                    + "host's own)");
        }
        new IdRange(first, rangeSize * slots); // validates the upper end
    }

    public IdRange slot(int index) {
        if (index < 0 || index >= slots) {
            throw new IndexOutOfBoundsException("range " + index + " of a pool of " + slots);
        }
        return new IdRange(first + index * rangeSize, rangeSize);
    }

    /** Every id of the pool, as one range: what root's line in /etc/subuid and /etc/subgid covers. */
    public IdRange whole() {
        return new IdRange(first, rangeSize * slots);
    }
}
