package io.rootfleet.controller.ssh;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an action, such as closing a channel, when a deadline passes unless it is cancelled first. One timer
 * thread serves all watchdogs; each action runs on its own thread, so one that blocks (a close stuck behind a
 * full socket) cannot delay the others. Cancelled watchdogs are dropped at once rather than held until due.
 */
final class Watchdog implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "rootfleet ssh watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> timer;

    private Watchdog(Duration delay, String name, Runnable action) {
        timer = TIMER.schedule(
                () -> {
                    fired.set(true);
                    Thread thread = new Thread(action, name);
                    thread.setDaemon(true);
                    thread.start();
                },
                Math.max(0, delay.toNanos()),
                TimeUnit.NANOSECONDS);
    }

    /** Runs {@code action} on a thread called {@code name} once {@code delay} has passed, unless closed first. */
    static Watchdog after(Duration delay, String name, Runnable action) {
        return new Watchdog(delay, name, action);
    }

    /** Whether the deadline passed and the action was started. */
    boolean fired() {
        return fired.get();
    }

    @Override
    public void close() {
        timer.cancel(false);
    }
}
