package io.rootfleet.agent.lxc;

import java.util.OptionalInt;

/** A container as LXC sees it right now. */
public record RunState(String state, OptionalInt initPid) {
    public static final RunState STOPPED = new RunState("STOPPED", OptionalInt.empty());

    public boolean running() {
        return state.equals("RUNNING");
    }
}
