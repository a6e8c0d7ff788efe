package io.rootfleet.agent.restart;

import io.rootfleet.agent.plan.ObservedContainer;
import io.rootfleet.agent.state.Holds;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.report.HeldContainer;
import io.rootfleet.model.report.StaleReport;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Which containers a restart is about, and whether each can be restarted. Pure. */
public final class RestartTargets {

    private RestartTargets() {}

    /** The containers a stale scan found running and stale, by name. */
    public static List<ContainerName> stale(StaleReport report) {
        return report.containers().stream()
                .filter(c -> c.stale() && "RUNNING".equals(c.state()))
                .map(c -> new ContainerName(c.name()))
                .sorted()
                .toList();
    }

    /**
     * Splits the containers a restart is about into those it restarts and those it leaves alone because they (or
     * the host) are held; the order of {@code names} is kept, duplicates dropped.
     */
    public static Chosen withoutHeld(Collection<ContainerName> names, Holds holds) {
        List<HeldContainer> held = new ArrayList<>();
        LinkedHashSet<ContainerName> restart = new LinkedHashSet<>();
        for (ContainerName name : new LinkedHashSet<>(names)) {
            holds.heldOf(name).ifPresentOrElse(held::add, () -> restart.add(name));
        }
        return new Chosen(List.copyOf(restart), held);
    }

    /** The containers to restart, and the held ones left alone. */
    public record Chosen(List<ContainerName> restart, List<HeldContainer> held) {}

    /**
     * The spec each named container was last applied from. A restart only restarts: a name that is not a
     * managed, running, fully applied container is refused, all such problems at once, before anything changes.
     *
     * @param where the lxcpath, for messages
     */
    public static Map<ContainerName, ContainerSpec> resolve(Collection<ContainerName> names,
            Map<ContainerName, ObservedContainer> observed, String where) {
        Map<ContainerName, ContainerSpec> targets = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        for (ContainerName name : names) {
            ObservedContainer found = observed.get(name);
            Location location = Location.of(name.value());
            if (found == null) {
                problems.add(new Problem(location, "no such container in " + where + "; `rootfleet-agent status` lists them"));
            } else if (found.applied().isEmpty() || !found.configured()) {
                problems.add(new Problem(location, "an earlier apply did not finish writing it; run apply first"));
            } else if (!found.run().running()) {
                problems.add(new Problem(location, "is " + found.run().state().toLowerCase(java.util.Locale.ROOT)
                        + "; use apply to start it"));
            } else {
                targets.put(name, found.applied().get());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return targets;
    }
}
