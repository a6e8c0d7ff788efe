package io.rootfleet.controller.push;

import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.model.concurrent.Parallel;
import java.util.List;
import java.util.Optional;
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
        return Parallel.map(hosts, forks, "rootfleet-host", job, crashed);
    }
}
