package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.HostSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Runs one job per host, up to {@code forks} hosts at a time, and returns every host's outcome in host order. */
public final class FleetRunner {
    private final int forks;

    public FleetRunner(int forks) {
        if (forks < 1) {
            throw new IllegalArgumentException("--forks must be at least 1");
        }
        this.forks = forks;
    }

    public List<HostOutcome> run(List<HostSpec> hosts, Function<HostSpec, HostOutcome> job) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(forks, hosts.size()), runnable -> {
            Thread thread = new Thread(runnable, "rootfleet-host");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<HostOutcome>> futures = new ArrayList<>();
            for (HostSpec host : hosts) {
                futures.add(pool.submit(() -> job.apply(host)));
            }
            List<HostOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                try {
                    outcomes.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    outcomes.add(new HostOutcome(hosts.get(i).name(), HostOutcome.Status.FAILED, List.of(),
                            java.util.Optional.empty(), java.util.Optional.of("internal error: " + e.getCause()), 0));
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
