package io.rootfleet.agent.plan;

import java.util.OptionalInt;

/**
 * Whether a container runs, as plans and reports need it: running or not, the state's name for people, and
 * while it runs its init's PID on the host. Where it comes from (LXC) is the observer's business.
 */
public record Run(boolean running, String state, OptionalInt initPid) {
    public static final Run STOPPED = new Run(false, "STOPPED", OptionalInt.empty());

    /** A running container whose init has this PID. */
    public static Run runningWithPid(int initPid) {
        return new Run(true, "RUNNING", OptionalInt.of(initPid));
    }
}
