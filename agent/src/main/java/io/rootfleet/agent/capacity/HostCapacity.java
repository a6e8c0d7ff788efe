package io.rootfleet.agent.capacity;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The capacity check against this host's running kernel: what to raise before the containers start. */
public final class HostCapacity {
    private final SysctlTree kernel;

    public HostCapacity(SysctlTree kernel) {
        this.kernel = kernel;
    }

    /** The running kernel's limits ({@code /proc/sys}). */
    public static HostCapacity system() {
        return new HostCapacity(new SysctlTree(SysctlTree.PROC_SYS));
    }

    /** One line per limit too low for the containers of {@code fleet}; none when all fit. */
    public List<String> warnings(FleetShape fleet) {
        Set<Sysctl> asked = new TreeSet<>();
        CapacityModel.needs(fleet).forEach(n -> asked.add(n.sysctl()));
        return CapacityCheck.warnings(fleet, kernel.read(asked));
    }
}
