package io.rootfleet.agent.userns;

/**
 * How the owners of a container's files change when it moves into its id range ({@link #into}) or back out of
 * it ({@link #outOf}): privileged, its ids are the host's {@code 0..count-1}; unprivileged, the same ids are
 * {@code base..base+count-1}. An id already in the target block is left alone, so a shift interrupted half way
 * can simply be run again (and a file with several hard links is shifted once). Any other id is refused: it
 * belongs to neither block, and shifting it would hand a file to someone else. Pure.
 */
public record IdShift(IdRange range, boolean intoRange) {

    public IdShift {
        if (range.hostBase() < range.count()) {
            throw new IllegalArgumentException("id range " + range + " overlaps the ids 0-" + (range.count() - 1)
                    + " it shifts: a shifted id could not be told from one still to shift; use a base of at least "
                    + range.count());
        }
    }

    /** Privileged to unprivileged: host ids {@code 0..count-1} become the range. */
    public static IdShift into(IdRange range) {
        return new IdShift(range, true);
    }

    /** Unprivileged to privileged: the range becomes host ids {@code 0..count-1}. */
    public static IdShift outOf(IdRange range) {
        return new IdShift(range, false);
    }

    /**
     * The id {@code id} becomes, or throws naming the file, the kind of id and both blocks.
     *
     * @param kind "uid" or "gid", for the message
     */
    public long apply(long id, String kind, String path) {
        boolean inRange = range.contains(id);
        boolean inZeroBlock = id < range.count();
        if (intoRange ? inRange : inZeroBlock) {
            return id;
        }
        if (intoRange ? !inZeroBlock : !inRange) {
            throw new IdOutOfRangeException(path + ": " + kind + " " + id + " is outside " + (intoRange ? zeroBlock() : range)
                    + " (the ids to shift) and " + (intoRange ? range : zeroBlock()) + " (the ids they become); "
                    + "nothing was changed. Give the file an owner inside the container's ids, or remove it, and convert again");
        }
        return intoRange ? id + range.hostBase() : id - range.hostBase();
    }

    private String zeroBlock() {
        return "0-" + (range.count() - 1);
    }

    /** An owner that belongs to neither block of a shift. */
    public static final class IdOutOfRangeException extends RuntimeException {
        IdOutOfRangeException(String message) {
            super(message);
        }
    }
}
