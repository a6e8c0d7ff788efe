package io.rootfleet.agent.inspect;

import io.rootfleet.agent.engine.Engine;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Planner;
import io.rootfleet.agent.plan.Run;
import io.rootfleet.agent.plan.SpecDiff;
import io.rootfleet.agent.stale.StaleScanner;
import io.rootfleet.agent.state.HealthRecord;
import io.rootfleet.agent.state.HoldStore;
import io.rootfleet.agent.state.Holds;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.ContainerState;
import io.rootfleet.model.report.ContainerStatus;
import io.rootfleet.model.report.HeldContainer;
import io.rootfleet.model.report.StaleReport;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reports every managed container: desired versus actual state, init PID, disk used by its own layer, whether
 * it runs files the host has replaced, the host system files its own layer hides, and what its last health check
 * said.
 */
public final class StatusInspector {
    /** The health of a container that is not running, has no check, or was not checked since its start. */
    public static final String NO_HEALTH = "-";
    private final Engine engine;
    private final AgentHome home;
    private final Kernel kernel;

    public StatusInspector(Engine engine) {
        this.engine = engine;
        this.home = engine.home();
        this.kernel = engine.kernel();
    }

    public HostStatus inspect() {
        return inspect(false, 1);
    }

    /**
     * @param checkHealth whether to run the health checks of the running containers first (at most
     *     {@code parallelism} at once) and record them, rather than show the last ones
     */
    public HostStatus inspect(boolean checkHealth, int parallelism) {
        return inspect(checkHealth, parallelism, Optional.empty());
    }

    /** As {@link #inspect(boolean, int)}, with the plan that would converge {@code planFor} (as apply --check plans it). */
    public HostStatus inspect(boolean checkHealth, int parallelism, Optional<DesiredState> planFor) {
        Map<ContainerName, ContainerSpec> desired = new TreeMap<>();
        engine.store().readDesired().ifPresent(d -> d.containers().forEach(s -> desired.put(s.name(), s)));
        Map<ContainerName, ObservedContainer> observed = engine.observe();
        if (checkHealth) {
            // a running container runs as it was last applied: that spec's check is the one that applies
            engine.confirmation().checkNow(observed.values().stream()
                    .filter(o -> o.run().running() && o.applied().isPresent())
                    .map(o -> o.applied().get())
                    .toList(), parallelism);
            observed = engine.observe();
        }
        Map<String, StaleReport.Container> scanned = new HashMap<>();
        StaleReport staleReport = new StaleScanner(engine).scanObserved(observed.values());
        staleReport.containers().forEach(c -> scanned.put(c.name(), c));
        Holds holds = new HoldStore(home).read();
        List<ContainerStatus> statuses = new ArrayList<>();
        for (ObservedContainer found : observed.values()) {
            Optional<HeldContainer> held = holds.heldOf(found.name());
            ContainerSpec wanted = desired.get(found.name());
            String drift = drift(wanted, found);
            StaleReport.Container stale = scanned.get(found.name().value());
            statuses.add(new ContainerStatus(
                    found.name().value(),
                    wanted == null ? "unlisted" : wanted.state().yamlName(),
                    found.run().state(),
                    found.run().initPid().isPresent() ? found.run().initPid().getAsInt() : null,
                    diskUsed(home.upper(found.name())),
                    drift == null,
                    drift,
                    found.run().running() ? stale.stale() : null,
                    stale.shadowed().stream().filter(f -> !f.declared()).map(StaleReport.ShadowedFile::path).toList(),
                    found.applied().map(ContainerSpec::privileged).orElse(null),
                    health(found),
                    held.isPresent(),
                    held.map(StatusInspector::holdReason).orElse(null)));
        }
        HostStatus status = new HostStatus(statuses, staleReport.packages());
        return planFor.isEmpty() ? status : status.withPlan(Planner.plan(planFor.get(), observed, false).planned());
    }

    /**
     * What the last health check said about the container as it runs now: one made before its init changed
     * (a restart by hand, a reboot) is about another run and says nothing.
     */
    private String health(ObservedContainer found) {
        return found.run().running() ? healthOf(found.run(), engine.store().readHealth(found.name())) : NO_HEALTH;
    }

    /** The HEALTH of a container that runs as {@code run}, whose last check said {@code last}. Pure. */
    static String healthOf(Run run, Optional<HealthRecord> last) {
        if (!run.running() || run.initPid().isEmpty()) {
            return NO_HEALTH;
        }
        return last.filter(r -> r.initPid() == run.initPid().getAsInt()).map(r -> r.health().label()).orElse(NO_HEALTH);
    }

    /** {@code reason (by, since)}, prefixed "host held: " when the hold is on the whole host. */
    static String holdReason(HeldContainer h) {
        return (h.host() ? "host held: " : "") + h.reason() + " (" + h.by() + ", " + h.since() + ")";
    }

    /** What differs from the desired state, or null when nothing does. */
    private static String drift(ContainerSpec wanted, ObservedContainer found) {
        if (wanted == null) {
            return "not in the desired state";
        }
        if (found.applied().isEmpty() || !found.configured()) {
            return "an earlier apply did not finish";
        }
        List<String> changed = SpecDiff.changedFields(found.applied().get(), wanted);
        if (!changed.isEmpty()) {
            return "config differs: " + String.join(", ", changed);
        }
        boolean wantRunning = wanted.state() == ContainerState.STARTED;
        if (wantRunning != found.run().running()) {
            return "should be " + (wantRunning ? "running" : "stopped");
        }
        return null;
    }

    /** Bytes allocated on disk by the files of a directory tree, not following links. */
    private long diskUsed(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    total[0] += kernel.allocatedBytes(d);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += kernel.allocatedBytes(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return total[0];
        }
        return total[0];
    }
}
