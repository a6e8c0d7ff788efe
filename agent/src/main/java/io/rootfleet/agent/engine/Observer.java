package io.rootfleet.agent.engine;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.LxcStatus;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.plan.Run;
import io.rootfleet.agent.state.IdRangeStore;
import io.rootfleet.agent.state.StateStore;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the containers this agent manages and what state they are in. */
final class Observer {
    private final AgentHome home;
    private final Lxc lxc;
    private final StateStore store;
    private final IdRangeStore ranges;

    Observer(AgentHome home, Lxc lxc, StateStore store, IdRangeStore ranges) {
        this.home = home;
        this.lxc = lxc;
        this.store = store;
        this.ranges = ranges;
    }

    Map<ContainerName, ObservedContainer> observe() {
        Map<ContainerName, ObservedContainer> found = new TreeMap<>();
        if (!Files.isDirectory(home.containers())) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(home.containers())) {
            dirs.filter(Files::isDirectory).forEach(dir -> containerName(dir).ifPresent(name -> found.put(name, null)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + home.containers(), e);
        }
        Map<ContainerName, LxcStatus> states = found.isEmpty() ? Map.of() : lxc.list();
        Set<ContainerName> unprivileged = ranges.containers();
        // reading a hundred small specs is the bulk of a no-op apply: spread it over the cores
        return found.keySet().parallelStream()
                .map(name -> new ObservedContainer(name, Files.exists(home.config(name)), store.readApplied(name).map(applied -> asItIs(applied, unprivileged)),
                        run(states.getOrDefault(name, LxcStatus.STOPPED))))
                .collect(Collectors.toMap(ObservedContainer::name, o -> o, (a, b) -> a, TreeMap::new));
    }

    /**
     * The applied spec as the container really is: one without an id range is privileged, whatever its spec
     * says (it was written before containers were unprivileged by default, or its conversion did not finish),
     * so the plan converts it.
     */
    private static ContainerSpec asItIs(ContainerSpec applied, Set<ContainerName> unprivileged) {
        return applied.privileged() || unprivileged.contains(applied.name()) ? applied : applied.withPrivileged(true);
    }

    private static Run run(LxcStatus status) {
        return new Run(status.running(), status.state().name(), status.initPid());
    }

    private static Optional<ContainerName> containerName(Path dir) {
        try {
            return Optional.of(new ContainerName(dir.getFileName().toString()));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }
}
