package io.rootfleet.agent.apply;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.agent.lxc.RunState;
import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.state.StateStore;
import io.rootfleet.model.ContainerName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Finds the containers this agent manages and what state they are in. */
public final class Observer {
    private final AgentHome home;
    private final Lxc lxc;
    private final StateStore store;

    public Observer(AgentHome home, Lxc lxc, StateStore store) {
        this.home = home;
        this.lxc = lxc;
        this.store = store;
    }

    public Map<ContainerName, ObservedContainer> observe() {
        Map<ContainerName, ObservedContainer> found = new TreeMap<>();
        if (!Files.isDirectory(home.containers())) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(home.containers())) {
            dirs.filter(Files::isDirectory).forEach(dir -> containerName(dir).ifPresent(name -> found.put(name, null)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + home.containers(), e);
        }
        Map<ContainerName, RunState> states = found.isEmpty() ? Map.of() : lxc.list();
        // reading a hundred small specs is the bulk of a no-op apply: spread it over the cores
        return found.keySet().parallelStream()
                .map(name -> new ObservedContainer(name, Files.exists(home.config(name)), store.readApplied(name),
                        states.getOrDefault(name, RunState.STOPPED)))
                .collect(java.util.stream.Collectors.toMap(ObservedContainer::name, o -> o, (a, b) -> a, TreeMap::new));
    }

    private static java.util.Optional<ContainerName> containerName(Path dir) {
        try {
            return java.util.Optional.of(new ContainerName(dir.getFileName().toString()));
        } catch (IllegalArgumentException notOurs) {
            return java.util.Optional.empty();
        }
    }
}
