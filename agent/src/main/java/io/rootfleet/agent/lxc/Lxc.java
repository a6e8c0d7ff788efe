package io.rootfleet.agent.lxc;

import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.StopPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The LXC operations the agent uses, on one lxcpath. */
public interface Lxc {

    /** The exit code of {@link #attachCaptured} and {@link #probeTcp} when the command ran out of time. */
    int TIMED_OUT = 124;

    /** How {@link #stop} went. */
    enum StopResult {
        STOPPED,
        /** It was not running in the first place: nothing to stop. */
        WAS_NOT_RUNNING
    }

    /**
     * Every container defined in the lxcpath, with its state. One call, however many containers. The PID is
     * the container's own program: the declared plain program, not init.lxc in front of it.
     */
    Map<ContainerName, LxcStatus> list();

    /** One container's state, without asking LXC about the others; STOPPED when it is not defined. */
    LxcStatus state(ContainerName name);

    /**
     * Starts a container in the background; {@code init} empty means the config's own init (the host's
     * systemd), else a plain program, which runs under LXC's signal-forwarding init.
     */
    void start(ContainerName name, List<String> init);

    /** Sends the halt signal, waits up to the timeout, then kills; a timeout of 0 kills at once. */
    StopResult stop(ContainerName name, StopPolicy policy);

    /** Runs a command inside a running container with a clean environment, wired to this terminal. */
    int attach(ContainerName name, Map<String, String> env, List<String> argv);

    /**
     * Runs a command inside a running container and captures its output. The command is killed inside the
     * container after {@code timeout} and then exits {@link #TIMED_OUT}.
     */
    ProcessResult attachCaptured(ContainerName name, Map<String, String> env, List<String> argv, Duration timeout);

    /**
     * Connects to 127.0.0.1:{@code port} in the container's network namespace (the host's programs, the
     * container's loopback) and closes again; exits 0 when the connection was accepted, {@link #TIMED_OUT}
     * when it took longer than {@code timeout}.
     */
    ProcessResult probeTcp(ContainerName name, int port, Duration timeout);

    /**
     * For a container booting the host's systemd: {@code systemctl is-system-running --wait} inside, which
     * returns when the boot has finished (or at {@code timeout}, exit {@link #TIMED_OUT}) and prints the
     * system's state: running, degraded, starting, ...
     */
    ProcessResult systemState(ContainerName name, Duration timeout);

    /** {@code systemctl is-active} of these units inside: one state per unit, in their order. */
    ProcessResult unitStates(ContainerName name, List<String> units, Duration timeout);

    /** The last {@code lines} lines of a unit's journal inside, message text only. */
    ProcessResult journalTail(ContainerName name, String unit, int lines, Duration timeout);
}
