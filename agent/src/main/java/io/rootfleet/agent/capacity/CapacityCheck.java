package io.rootfleet.agent.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compares what a fleet needs with the host's current limits and says what to raise (pure). */
public final class CapacityCheck {

    private CapacityCheck() {}

    /**
     * One line per limit too low for these containers: the sysctl, its value, what they need and why, what
     * goes wrong past it, and the command that raises it. Limits the host does not have are skipped.
     */
    public static List<String> warnings(FleetShape fleet, Map<Sysctl, Long> current) {
        List<String> lines = new ArrayList<>();
        for (Need need : CapacityModel.needs(fleet)) {
            Optional<Long> value = Optional.ofNullable(current.get(need.sysctl()));
            if (value.isEmpty() || need.metBy(value.get())) {
                continue;
            }
            lines.add(line(need, value.get()));
        }
        return lines;
    }

    static String line(Need need, long current) {
        String head = "capacity: " + need.sysctl() + " is " + current + "; the " + need.containers() + " " + need.who()
                + " here need " + need.value() + " (" + need.basis() + "); past about "
                + need.fitting(current) + " of them " + need.symptom() + ". ";
        if (need.impossible()) {
            return head + "The kernel allows at most " + need.kernelMax() + ": put fewer containers on this host"
                    + (need.sysctl().equals(Sysctl.PID_MAX) || need.sysctl().equals(Sysctl.THREADS_MAX)
                            ? " or give them lower limits.pids" : "");
        }
        return head + "Raise it: sysctl -w " + need.sysctl() + "=" + need.value()
                + " (rootfleet-agent tune writes production values that last across reboots)";
    }
}
