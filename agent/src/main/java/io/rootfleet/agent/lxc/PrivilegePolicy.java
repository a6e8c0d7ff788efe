package io.rootfleet.agent.lxc;

import io.rootfleet.model.ContainerState;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.Problem;
import java.util.List;

/**
 * Refuses a privileged container on a host without AppArmor unless its definition accepts the risk in so many
 * words: nothing confines such a container's root, which can mount a fresh proc and write the host's sysctls
 * (kernel.core_pattern runs a program of its choosing as the host's root). Pure.
 */
public final class PrivilegePolicy {
    public static final String RISK = "its root is the host's root: with no AppArmor to stop it, it can mount proc and"
            + " write the host's sysctls (kernel.core_pattern runs a program of its choosing as the host's root)";

    private PrivilegePolicy() {}

    /** Throws (exit 2) naming every privileged container that lacks the second opt-in on a host without AppArmor. */
    public static void check(DesiredState desired, HostFacts facts, String source) {
        if (facts.appArmor()) {
            return;
        }
        List<Problem> problems = desired.containers().stream()
                .filter(s -> s.privileged() && !s.allowPrivilegedWithoutAppArmor() && s.state() != ContainerState.ABSENT)
                .map(s -> new Problem(Location.of(source), "container " + s.name() + ": privileged: true on a host"
                        + " without AppArmor: " + RISK + ". Drop privileged (containers are unprivileged by default),"
                        + " or add allowPrivilegedWithoutAppArmor: true to accept that risk"))
                .toList();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
