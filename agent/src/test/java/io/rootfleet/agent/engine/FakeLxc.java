package io.rootfleet.agent.engine;

import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.LxcStatus;
import io.rootfleet.agent.lxc.RunState;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.StopPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link Lxc} in memory: records every call, and starts containers unless told they fail or die at once. */
public final class FakeLxc implements Lxc {
    private final Map<ContainerName, LxcStatus> states = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Set<ContainerName> failingStarts = Collections.synchronizedSet(new HashSet<>());
    private final Set<ContainerName> dyingStarts = Collections.synchronizedSet(new HashSet<>());
    private final Set<ContainerName> refusing = Collections.synchronizedSet(new HashSet<>());
    private final Set<ContainerName> forkingInits = Collections.synchronizedSet(new HashSet<>());
    private final AtomicInteger nextPid = new AtomicInteger(1000);
    private final Map<ContainerName, String> failedUnits = Collections.synchronizedMap(new TreeMap<>());

    /** In this container booting the host's systemd, {@code unit} fails: the system is degraded. */
    public FakeLxc unitFails(String name, String unit) {
        failedUnits.put(new ContainerName(name), unit);
        return this;
    }

    /** A TCP health probe of this container fails (nothing listens); every other container's passes. */
    public FakeLxc refusesConnections(String name) {
        refusing.add(new ContainerName(name));
        return this;
    }

    /** A TCP health probe of this container passes again. */
    public FakeLxc acceptsConnections(String name) {
        refusing.remove(new ContainerName(name));
        return this;
    }

    /** lxc-start of this container fails. */
    public FakeLxc failsToStart(String name) {
        failingStarts.add(new ContainerName(name));
        return this;
    }

    /** This container starts, and its init exits at once. */
    public FakeLxc diesOnStart(String name) {
        dyingStarts.add(new ContainerName(name));
        return this;
    }

    /** What a reboot does: nothing runs any more. */
    public void stopAll() {
        states.replaceAll((name, status) -> LxcStatus.STOPPED);
    }

    /** "start NAME", "stop NAME" and "probe NAME" (a TCP health probe), in the order they happened. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public Map<ContainerName, LxcStatus> list() {
        synchronized (states) {
            return new TreeMap<>(states);
        }
    }

    @Override
    public LxcStatus state(ContainerName name) {
        LxcStatus status = states.getOrDefault(name, LxcStatus.STOPPED);
        if (status.running() && forkingInits.remove(name)) {
            // init.lxc has forked the program since: from now on its PID is the one shown
            states.put(name, new LxcStatus(RunState.RUNNING, OptionalInt.of(nextPid.incrementAndGet())));
        }
        return status;
    }

    /** The first state read after its next start shows init.lxc's PID, the later ones its program's, as LXC does. */
    public void initForksAfterStart(String name) {
        forkingInits.add(new ContainerName(name));
    }

    @Override
    public void start(ContainerName name, List<String> init) {
        calls.add("start " + name);
        if (failingStarts.contains(name)) {
            throw new IllegalStateException("lxc-start failed for " + name);
        }
        states.put(name, dyingStarts.contains(name) ? LxcStatus.STOPPED
                : new LxcStatus(RunState.RUNNING, OptionalInt.of(nextPid.incrementAndGet())));
    }

    @Override
    public StopResult stop(ContainerName name, StopPolicy policy) {
        calls.add("stop " + name);
        boolean wasRunning = state(name).running();
        states.put(name, LxcStatus.STOPPED);
        return wasRunning ? StopResult.STOPPED : StopResult.WAS_NOT_RUNNING;
    }

    @Override
    public int attach(ContainerName name, Map<String, String> env, List<String> argv) {
        throw new UnsupportedOperationException("attach");
    }

    @Override
    public ProcessResult attachCaptured(ContainerName name, Map<String, String> env, List<String> argv, Duration timeout) {
        throw new UnsupportedOperationException("attachCaptured");
    }

    @Override
    public ProcessResult probeTcp(ContainerName name, int port, Duration timeout) {
        calls.add("probe " + name);
        boolean listening = state(name).running() && !refusing.contains(name);
        return new ProcessResult(List.of("probe"), listening ? 0 : 1, "", listening ? "" : "Connection refused");
    }

    @Override
    public ProcessResult systemState(ContainerName name, Duration timeout) {
        boolean degraded = failedUnits.containsKey(name);
        return new ProcessResult(List.of("systemctl"), degraded ? 1 : 0, degraded ? "degraded\n" : "running\n", "");
    }

    @Override
    public ProcessResult unitStates(ContainerName name, List<String> units, Duration timeout) {
        List<String> states = units.stream().map(u -> u.equals(failedUnits.get(name)) ? "failed" : "active").toList();
        return new ProcessResult(List.of("systemctl"), states.contains("failed") ? 3 : 0, String.join("\n", states) + "\n", "");
    }

    @Override
    public ProcessResult journalTail(ContainerName name, String unit, int lines, Duration timeout) {
        return new ProcessResult(List.of("journalctl"), 0, "Starting " + unit + "...\n" + unit + ": exited 1\n", "");
    }
}
