package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.HostSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Runs one job per host, up to {@code forks} hosts at a time, and returns every host's result in host order. */
public final class FleetRunner {
    private final int forks;

    public FleetRunner(int forks) {
        if (forks < 1) {
            throw new IllegalArgumentException("--forks must be at least 1");
        }
        this.forks = forks;
    }

    public List<HostOutcome> run(List<HostSpec> hosts, Function<HostSpec, HostOutcome> job) {
        return each(hosts, job, (host, crash) -> new HostOutcome(host.name(), HostOutcome.Status.FAILED, List.of(),
                Optional.empty(), Optional.of("internal error: " + crash), 0));
    }

    /**
     * Runs {@code job} for every host, up to {@code forks} at a time, and returns the results in host order; a
     * job that throws gives {@code crashed}'s result for its host instead, so one host cannot hide the others.
     */
    public <T> List<T> each(List<HostSpec> hosts, Function<HostSpec, T> job, BiFunction<HostSpec, Throwable, T> crashed) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(forks, hosts.size()), runnable -> {
            Thread thread = new Thread(runnable, "rootfleet-host");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (HostSpec host : hosts) {
                futures.add(pool.submit(() -> job.apply(host)));
            }
            List<T> results = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(crashed.apply(hosts.get(i), e.getCause()));
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
