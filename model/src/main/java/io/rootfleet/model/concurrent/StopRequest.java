package io.rootfleet.model.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

/**
 * A request to stop long work cleanly, made from another thread (a signal handler, the watcher of an input) and
 * read by the work between its steps: nothing new starts once it is made, what is under way finishes. The first
 * reason stays; callbacks registered with {@link #whenRequested} run once, on the requesting thread.
 */
public final class StopRequest {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final List<Runnable> callbacks = new ArrayList<>();
    private final boolean never;
    private String reason;

    private StopRequest(boolean never) {
        this.never = never;
    }

    /** A request that can be made. */
    public static StopRequest create() {
        return new StopRequest(false);
    }

    /** A request nobody makes. */
    public static StopRequest never() {
        return new StopRequest(true);
    }

    /** Asks to stop; {@code by} says what asked (e.g. "SIGTERM"). Only the first call counts. */
    public void request(String by) {
        List<Runnable> run;
        synchronized (this) {
            if (never || reason != null) {
                return;
            }
            reason = by;
            run = List.copyOf(callbacks);
            callbacks.clear();
        }
        requested.countDown();
        for (Runnable callback : run) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                // one callback must not keep the others from running
            }
        }
    }

    /** What asked to stop, once something did. */
    public synchronized Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Runs {@code callback} when the stop is requested, at once if it was already. */
    public void whenRequested(Runnable callback) {
        synchronized (this) {
            if (reason == null) {
                callbacks.add(callback);
                return;
            }
        }
        callback.run();
    }

    /**
     * Waits at most {@code time} for the request: a pause that ends early when asked to stop.
     *
     * @return true when the stop was requested
     */
    public boolean await(Duration time) throws InterruptedException {
        return requested.await(Math.max(0, time.toNanos()), TimeUnit.NANOSECONDS);
    }
}
