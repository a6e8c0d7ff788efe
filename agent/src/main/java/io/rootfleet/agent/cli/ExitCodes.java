package io.rootfleet.agent.cli;

/** The agent's exit codes, as {@code --help} and the README list them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Some container could not be brought to its desired state; the others were. */
    public static final int FAILED = 1;
    /** The desired state or the command line is invalid; nothing was changed. */
    public static final int INVALID_INPUT = 2;
    /** The host cannot run the agent (not root, LXC missing) or something unexpected broke. */
    public static final int HOST_ERROR = 4;
    /** Another agent run holds the host lock. */
    public static final int BUSY = 5;

    static final String HELP = "%nExit codes:%n"
            + "  0  ok%n"
            + "  1  some container failed (the others were converged)%n"
            + "  2  invalid input: nothing was changed%n"
            + "  4  host problem (not root, LXC missing) or internal error%n"
            + "  5  another rootfleet-agent holds the host lock%n";

    static final String RESTART_HELP = "%nExit codes:%n"
            + "  0  every container restarted and healthy, or nothing to restart%n"
            + "  1  some container failed, or the rollout stopped at --max-fail%n"
            + "  2  invalid input (an unknown or stopped container): nothing was changed%n"
            + "  4  host problem (not root, LXC missing) or internal error%n"
            + "  5  another rootfleet-agent holds the host lock%n";

    private ExitCodes() {}
}
