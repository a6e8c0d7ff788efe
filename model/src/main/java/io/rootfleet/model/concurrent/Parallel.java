package io.rootfleet.model.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs one job per item with bounded concurrency and returns the results in item order. The one thread pool
 * pattern of both programs: hosts in the controller, containers in the agent.
 */
public final class Parallel {
    private Parallel() {}

    /**
     * Runs {@code job} for every item, at most {@code limit} at once. A job that throws gives {@code crashed}'s
     * result for its item instead, so one item cannot hide the others.
     *
     * @throws IllegalStateException when the calling thread is interrupted; the running jobs are interrupted too
     */
    public static <I, R> List<R> map(List<I> items, int limit, String threadName, Function<I, R> job,
            BiFunction<I, Throwable, R> crashed) {
        if (limit < 1) {
            throw new IllegalArgumentException("the concurrency limit must be at least 1, not " + limit);
        }
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.size() == 1) {
            return List.of(runOne(items.get(0), job, crashed));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(limit, items.size()), runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (I item : items) {
                futures.add(pool.submit(() -> job.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(crashed.apply(items.get(i), e.getCause()));
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + threadName + " work was running", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Like {@link #map(List, int, String, Function, BiFunction)}, for jobs that report their own failures as
     * values: a job that throws anyway is a bug, rethrown as an {@link IllegalStateException} naming it.
     */
    public static <I, R> List<R> map(List<I> items, int limit, String threadName, Function<I, R> job) {
        return map(items, limit, threadName, job, (item, crash) -> {
            throw new IllegalStateException(threadName + " failed unexpectedly for " + item + ": " + crash, crash);
        });
    }

    private static <I, R> R runOne(I item, Function<I, R> job, BiFunction<I, Throwable, R> crashed) {
        try {
            return job.apply(item);
        } catch (RuntimeException | Error e) {
            return crashed.apply(item, e);
        }
    }
}
