package io.rootfleet.agent.lxc;

import java.util.Arrays;

/** The states LXC reports for a container ({@code lxc-ls}'s STATE column). */
public enum RunState {
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    ABORTING,
    FREEZING,
    FROZEN,
    THAWED;

    /** Reads LXC's word for a state. */
    static RunState parse(String word) {
        return Arrays.stream(values()).filter(s -> s.name().equals(word)).findFirst()
                .orElseThrow(() -> new IllegalStateException("lxc-ls reported the unknown state '" + word
                        + "'; this agent knows " + Arrays.toString(values())));
    }

    public boolean running() {
        return this == RUNNING;
    }
}
