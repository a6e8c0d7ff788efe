package io.rootfleet.agent.hook;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.RestartSummary;
import io.rootfleet.model.report.StaleReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the hook does in the background after packages changed ({@code hook settle}): wait until apt and dpkg
 * are done, then restart the stale containers once, however many times the hook fired meanwhile.
 *
 * <ol>
 *   <li>Take HOME/hook-wait.lock without waiting. If another hook holds it, that one has not scanned yet and
 *       will see this change too: stop here. This is the debounce.
 *   <li>Take HOME/hook-run.lock (an earlier hook still restarting finishes first), then wait until nobody has
 *       held apt's or dpkg's locks for a short quiet time.
 *   <li>Release hook-wait.lock: a package change from now on starts a new hook, which scans after this one.
 *   <li>Scan under the agent lock (an apply in progress finishes first); when something is stale, run the
 *       rolling restart of stale containers and log its outcome.
 * </ol>
 */
public final class HookSettler {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int FILES_SHOWN = 3;
    /** What a hook logs when another one is already waiting: that one has not scanned yet, so it covers this change. */
    public static final String COVERED = "another hook is already waiting for apt and dpkg to finish; it will restart"
            + " what this change made stale";

    /** Scans every managed container, under the agent lock. */
    public interface StaleCheck {
        StaleReport scan();
    }

    /** Runs the rolling restart of the stale containers; logs its progress. */
    public interface Restarter {
        Outcome restartStale();
    }

    /**
     * @param exitCode the restart's exit code (an {@link ExitStatus}'s, or -1 when it was killed)
     * @param summary its final report, null when it did not get that far
     * @param error why it could not run at all, null otherwise
     */
    public record Outcome(int exitCode, RestartSummary summary, String error) {
        /** The exit code of a restart deferred to the hook's window ({@link WindowedRestarter}). */
        static final int DEFERRED = -2;

        /** Nothing restarted now, on purpose: {@code why} says until when. */
        public static Outcome deferred(String why) {
            return new Outcome(DEFERRED, null, why);
        }

        boolean deferred() {
            return exitCode == DEFERRED;
        }

        /** Another agent run held the agent lock, so nothing was restarted. */
        boolean busy() {
            return ExitStatus.ofCode(exitCode).filter(s -> s == ExitStatus.BUSY).isPresent();
        }
    }

    private final AgentHome home;
    private final SettleOptions options;
    private final StaleCheck check;
    private final Restarter restarter;
    private final HookLog log;

    public HookSettler(AgentHome home, SettleOptions options, StaleCheck check, Restarter restarter, HookLog log) {
        this.home = home;
        this.options = options;
        this.check = check;
        this.restarter = restarter;
        this.log = log;
    }

    public void settle() throws InterruptedException {
        long start = System.nanoTime();
        HostLock running;
        try (HostLock waiting = tryLock(home.hookWaitLock())) {
            if (waiting == null) {
                log.line(COVERED);
                return;
            }
            running = readyToScan();
        }
        if (running != null) {
            try (running) {
                scanAndRestart(Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    /** The lock, or null when another process holds it. */
    static HostLock tryLock(Path file) {
        try {
            return HostLock.acquire(file, Duration.ZERO);
        } catch (HostLock.BusyException e) {
            return null;
        }
    }

    /** Waits for an earlier hook's restart, then for apt and dpkg; returns the run lock, or null after giving up. */
    private HostLock readyToScan() throws InterruptedException {
        HostLock running;
        try {
            running = HostLock.acquire(home.hookRunLock(), options.waitTimeout());
        } catch (HostLock.BusyException e) {
            log.line("an earlier hook was still restarting containers after " + seconds(options.waitTimeout())
                    + "; giving up. Run 'rootfleet-agent restart --stale' when it is done");
            return null;
        }
        Optional<String> busy;
        try {
            busy = waitUntilQuiet();
        } catch (RuntimeException | InterruptedException e) {
            running.close();
            throw e;
        }
        if (busy.isEmpty()) {
            return running;
        }
        running.close();
        log.line(busy.get() + " was still held after " + seconds(options.waitTimeout()) + "; giving up. Run"
                + " 'rootfleet-agent restart --stale' when apt and dpkg are done");
        return null;
    }

    /** Polls until no package lock has been held for the quiet time; returns the lock still held at the deadline. */
    private Optional<String> waitUntilQuiet() throws InterruptedException {
        PackageManagerLocks locks = new PackageManagerLocks(options.packageLocks());
        long deadline = System.nanoTime() + options.waitTimeout().toNanos();
        Long quietSince = null; // nanoTime, which may be negative
        String reported = null;
        while (true) {
            Optional<String> holder = locks.holder();
            long now = System.nanoTime();
            if (holder.isPresent()) {
                quietSince = null;
                if (!holder.get().equals(reported)) {
                    log.line("waiting for " + holder.get() + " to be released");
                    reported = holder.get();
                }
                if (now - deadline > 0) {
                    return holder;
                }
            } else if (quietSince == null) {
                quietSince = now;
            } else if (now - quietSince >= options.quiet().toNanos()) {
                return Optional.empty();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void scanAndRestart(Duration waited) {
        long start = System.nanoTime();
        StaleReport report = check.scan();
        List<StaleReport.Container> stale = report.containers().stream().filter(StaleReport.Container::stale).toList();
        String context = report.containers().size() + " container(s) scanned in " + millis(start) + " ms, after waiting "
                + seconds(waited) + " for apt and dpkg";
        if (stale.isEmpty()) {
            log.line("nothing is stale (" + context + ")");
            return;
        }
        log.line("stale: " + stale.stream().map(HookSettler::describe).collect(Collectors.joining("; ")) + " (" + context
                + "); restarting them");
        Outcome outcome = restarter.restartStale();
        List<String> names = stale.stream().map(StaleReport.Container::name).toList();
        log.line(verdict(outcome, names));
        if (outcome.summary() != null) {
            outcome.summary().failures().forEach(f -> log.line("failed: " + f.line()));
        }
    }

    static String verdict(Outcome outcome, List<String> stale) {
        RestartSummary s = outcome.summary();
        String still = String.join(", ", stale);
        if (s == null && outcome.deferred()) {
            return "restart deferred: " + outcome.error() + "; still stale: " + still;
        }
        if (s == null) {
            String why = outcome.busy() ? "another agent run held the agent lock"
                    : outcome.error() != null ? outcome.error() : "'restart --stale' exited " + outcome.exitCode();
            return "restart not done: " + why + "; still stale: " + still + ". Run 'rootfleet-agent restart --stale'";
        }
        return (s.failed().isEmpty() ? "restart done: " : "restart finished with failures: ")
                + "restarted " + list(s.restarted()) + "; failed " + list(s.failed())
                + (s.notRestarted().isEmpty() ? "" : "; not restarted " + list(s.notRestarted())
                        + (s.stoppedEarly() ? " (the failure limit stopped the rollout)" : ""))
                + " in " + s.millis() + " ms (exit " + outcome.exitCode() + ")";
    }

    private static String describe(StaleReport.Container c) {
        List<String> files = c.staleFiles() == null ? List.of() : c.staleFiles().stream().map(StaleReport.StaleFile::path).toList();
        if (files.isEmpty()) {
            return c.name();
        }
        String shown = String.join(", ", files.subList(0, Math.min(FILES_SHOWN, files.size())));
        return c.name() + " (" + shown + (files.size() > FILES_SHOWN ? " and " + (files.size() - FILES_SHOWN) + " more" : "") + ")";
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
