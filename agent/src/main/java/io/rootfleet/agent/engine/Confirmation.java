package io.rootfleet.agent.engine;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.LxcStatus;
import io.rootfleet.agent.state.HealthRecord;
import io.rootfleet.agent.state.HealthRecord.Health;
import io.rootfleet.agent.state.StateStore;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.concurrent.Parallel;
import io.rootfleet.model.report.ContainerFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Confirms that containers started just now work: a container with a health check when it passes it, one
 * booting the host's systemd when the boot finished and its declared services are active, any other when its
 * init still runs a moment after the start. The one place apply, reconcile and restart decide that a
 * container they started is not working, with one grace period and one message. Each health check's result
 * (starting, then healthy or unhealthy) is recorded for {@code status}.
 */
public final class Confirmation {
    /**
     * lxc-start returns once the init is executed; an init that cannot run its program or crashes at once
     * exits within milliseconds. 200 ms catches those without slowing a batch down noticeably; a service that
     * needs longer to prove itself should declare a health check.
     */
    static final Duration GRACE = Duration.ofMillis(200);

    /** The step a container fails when it stopped right after its start. */
    public static final String RUNNING = "running";
    /** The step a container fails when its health check does not pass. */
    public static final String HEALTH_CHECK = "health check";

    private final AgentHome home;
    private final Lxc lxc;
    private final HealthChecker health;
    private final Duration grace;
    private final StateStore store;

    Confirmation(AgentHome home, Lxc lxc, Duration grace, StateStore store) {
        this.home = home;
        this.lxc = lxc;
        this.grace = grace;
        this.store = store;
        this.health = new HealthChecker(home, lxc);
    }

    /**
     * Which of these containers, all started just now, stopped within the grace period, and why. One wait and
     * one {@code lxc-ls} however many containers.
     */
    public Map<ContainerName, String> stoppedAfterStart(Collection<ContainerName> started) {
        if (started.isEmpty()) {
            return Map.of();
        }
        HealthChecker.sleep(grace);
        Map<ContainerName, LxcStatus> states = lxc.list();
        Map<ContainerName, String> stopped = new TreeMap<>();
        for (ContainerName name : started) {
            if (!states.getOrDefault(name, LxcStatus.STOPPED).running()) {
                stopped.put(name, ConsoleLog.stopped(home, name, "right after it started"));
            }
        }
        return stopped;
    }

    /**
     * Returns when the container passes its health check (declared, or systemd's for the host's init);
     * throws {@link UnhealthyException} saying why not.
     */
    public void awaitHealthy(ContainerSpec spec) {
        OptionalInt pid = lxc.state(spec.name()).initPid();
        record(spec.name(), pid, Health.STARTING, null);
        try {
            health.awaitAny(spec);
        } catch (UnhealthyException e) {
            record(spec.name(), pidNow(spec.name(), pid), Health.UNHEALTHY, e.getMessage());
            throw e;
        }
        record(spec.name(), pidNow(spec.name(), pid), Health.HEALTHY, null);
    }

    /**
     * The PID status shows for the container as it runs now, read again once its check is over: right after a
     * start, before init.lxc has forked the container's program, LXC gives init.lxc's own PID, and a result recorded
     * against it would read as no check at all. {@code before} when it stopped meanwhile.
     */
    private OptionalInt pidNow(ContainerName name, OptionalInt before) {
        OptionalInt now = lxc.state(name).initPid();
        return now.isPresent() ? now : before;
    }

    /**
     * Runs the health checks of these running containers now, at most {@code parallelism} at once, and records
     * each result as {@link #awaitHealthy} does ({@code status --health}). A container without a check is left
     * alone.
     */
    public void checkNow(List<ContainerSpec> running, int parallelism) {
        Parallel.map(running.stream().filter(Confirmation::checksHealth).toList(), parallelism, "rootfleet-health", spec -> {
            try {
                awaitHealthy(spec);
                return true;
            } catch (UnhealthyException e) {
                return false; // recorded
            }
        });
    }

    /**
     * Remembers a check's result for {@code status}; a result that cannot be written must not fail the
     * start it is about, so it is only lost.
     */
    private void record(ContainerName name, OptionalInt pid, Health result, String detail) {
        if (pid.isEmpty()) {
            return; // not running: status shows no health for it anyway
        }
        try {
            store.writeHealth(name, new HealthRecord(result, pid.getAsInt(), Instant.now().toString(), detail));
        } catch (RuntimeException e) {
            // the check's result still decides; only status will not show it
        }
    }

    /** Whether {@link #awaitHealthy} checks this container; the others only have to survive {@link #GRACE}. */
    public static boolean checksHealth(ContainerSpec spec) {
        return HealthChecker.checks(spec);
    }

    /**
     * Each of these containers, all started just now, that does not work, and why. All share one
     * {@link #stoppedAfterStart} (an init that exits at once fails fast, whatever else it declares); then the
     * health checks of those still running run at once (at most {@code parallelism}).
     */
    public Map<ContainerName, ContainerFailure> unhealthy(List<ContainerSpec> started, int parallelism) {
        Map<ContainerName, ContainerFailure> failures = new TreeMap<>();
        stoppedAfterStart(started.stream().filter(s -> s.health().isEmpty()).map(ContainerSpec::name).toList())
                .forEach((name, why) -> failures.put(name, stopped(name, why)));
        List<ContainerSpec> checked = started.stream()
                .filter(s -> checksHealth(s) && !failures.containsKey(s.name())).toList();
        List<Optional<String>> results = Parallel.map(checked, parallelism, "rootfleet-health", spec -> {
            try {
                awaitHealthy(spec);
                return Optional.empty();
            } catch (UnhealthyException e) {
                return Optional.of(e.getMessage());
            }
        });
        for (int i = 0; i < checked.size(); i++) {
            ContainerName name = checked.get(i).name();
            results.get(i).ifPresent(why -> failures.put(name, notHealthy(name, HEALTH_CHECK, why)));
        }
        return failures;
    }

    /** A container that {@link #stoppedAfterStart} found stopped, as a failure of the step {@value #RUNNING}. */
    public static ContainerFailure stopped(ContainerName name, String why) {
        return new ContainerFailure(name.value(), RUNNING, why);
    }

    private static ContainerFailure notHealthy(ContainerName name, String step, String why) {
        return new ContainerFailure(name.value(), step, "started but not healthy: " + why);
    }
}
