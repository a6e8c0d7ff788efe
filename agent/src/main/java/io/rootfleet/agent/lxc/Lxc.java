package io.rootfleet.agent.lxc;

import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.StopPolicy;
import java.util.List;
import java.util.Map;

/** The LXC operations the agent uses, on one lxcpath. */
public interface Lxc {

    /** Every container defined in the lxcpath, with its state. One call, however many containers. */
    Map<ContainerName, RunState> list();

    /** One container's state, without asking LXC about the others; STOPPED when it is not defined. */
    RunState state(ContainerName name);

    /** Starts a container in the background; {@code init} empty means the config's own init. */
    void start(ContainerName name, List<String> init);

    /** Sends the halt signal, waits up to the timeout, then kills; a timeout of 0 kills at once. */
    void stop(ContainerName name, StopPolicy policy);

    /** Runs a command inside a running container with a clean environment, wired to this terminal. */
    int attach(ContainerName name, Map<String, String> env, List<String> argv);

    /** Runs a command inside a running container and captures its output. */
    ProcessResult attachCaptured(ContainerName name, Map<String, String> env, List<String> argv, java.time.Duration timeout);

    /**
     * Runs a host program in the container's network namespace only (the host's files, the container's
     * loopback and interfaces), with a clean environment, and captures its output.
     */
    ProcessResult attachNetwork(ContainerName name, List<String> argv, java.time.Duration timeout);
}
