package io.rootfleet.agent.hook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code hook settle} waits for apt and dpkg to be done.
 *
 * @param packageLocks the lock files whose holders it waits for (apt's and dpkg's; tests give their own)
 * @param quiet how long they must stay free: back-to-back dpkg runs of a script then count as one change
 * @param waitTimeout how long it waits at most, for them and for an earlier hook still restarting
 */
public record SettleOptions(List<Path> packageLocks, Duration quiet, Duration waitTimeout) {
    public static final SettleOptions DEFAULT = new SettleOptions(PackageManagerLocks.DPKG, Duration.ofSeconds(1), Duration.ofHours(1));

    public SettleOptions {
        packageLocks = List.copyOf(packageLocks);
        if (quiet.isNegative() || waitTimeout.isNegative()) {
            throw new IllegalArgumentException("negative wait: quiet " + quiet + ", timeout " + waitTimeout);
        }
    }

    /** The hidden options that carry these from {@code hook run} to {@code hook settle}; none for the defaults. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        if (!packageLocks.equals(DEFAULT.packageLocks)) {
            packageLocks.forEach(lock -> argv.addAll(List.of("--package-lock", lock.toString())));
        }
        if (!quiet.equals(DEFAULT.quiet)) {
            argv.addAll(List.of("--quiet-millis", String.valueOf(quiet.toMillis())));
        }
        if (!waitTimeout.equals(DEFAULT.waitTimeout)) {
            argv.addAll(List.of("--wait-seconds", String.valueOf(waitTimeout.toSeconds())));
        }
        return argv;
    }
}
