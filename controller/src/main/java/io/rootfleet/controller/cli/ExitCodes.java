package io.rootfleet.controller.cli;

/** The controller's exit codes, as {@code --help} and the README list them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Some host failed (an agent error or a container that could not be converged); others may be fine. */
    public static final int FAILED = 1;
    /** The playbook or the command line is invalid; nothing was sent to any host. */
    public static final int INVALID_INPUT = 2;
    /** Some host could not be reached (down, refused, timed out, host key unknown or changed, login refused). */
    public static final int UNREACHABLE = 3;
    /** Something unexpected broke in the controller itself. */
    public static final int INTERNAL = 4;

    static final String HELP = "%nExit codes:%n"
            + "  0  ok on every host%n"
            + "  1  some host failed (takes precedence over 3)%n"
            + "  2  invalid playbook or options: nothing was sent%n"
            + "  3  some host was unreachable (the others were done)%n"
            + "  4  internal error%n";

    private ExitCodes() {}
}
