package io.rootfleet.agent.capacity;

/**
 * The least value a sysctl needs for the containers that will run, and why.
 *
 * @param value the least value that lets them all run
 * @param containers how many containers count for it
 * @param who those containers, for people ("containers that boot systemd")
 * @param reserve the part of {@code value} left for the host itself
 * @param basis how {@code value} was counted, for people ("8 each, 1 more per service, 24 for the host")
 * @param symptom what goes wrong past the limit
 * @param kernelMax the most the kernel accepts
 */
public record Need(Sysctl sysctl, long value, int containers, String who, long reserve, String basis, String symptom,
        long kernelMax) {

    /** About how many of the containers fit under {@code current} (they are counted alike). */
    public long fitting(long current) {
        if (containers == 0 || value <= reserve) {
            return containers;
        }
        return Math.max(0, (current - reserve) * containers / (value - reserve));
    }

    public boolean metBy(long current) {
        return current >= value;
    }

    /** More than the kernel accepts at all: no setting lets these containers run on one host. */
    public boolean impossible() {
        return value > kernelMax;
    }
}
