package io.rootfleet.agent.lxc;

import java.util.OptionalInt;

/** A container as LXC sees it right now: its state and, while it runs, its init's PID on the host. */
public record LxcStatus(RunState state, OptionalInt initPid) {
    public static final LxcStatus STOPPED = new LxcStatus(RunState.STOPPED, OptionalInt.empty());

    public boolean running() {
        return state.running();
    }
}
