package io.rootfleet.agent.stale;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.lxc.Lxc;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.report.StaleReport;
import java.util.Collection;

/** Finds the managed containers that still run files the host has replaced, and what their own layers hide. */
public final class StaleScanner {
    private final AgentHome home;
    private final Lxc lxc;

    public StaleScanner(AgentHome home, Lxc lxc) {
        this.home = home;
        this.lxc = lxc;
    }

    /** Scans the given containers, or every managed container when {@code only} is empty. */
    public StaleReport scan(Collection<ContainerName> only) {
        throw new UnsupportedOperationException("not built yet");
    }
}
