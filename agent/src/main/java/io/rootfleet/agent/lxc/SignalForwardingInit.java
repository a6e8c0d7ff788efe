package io.rootfleet.agent.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * LXC's own minimal init ({@code init.lxc}, what lxc-execute runs), put in front of a plain program: as PID 1
 * the kernel drops every signal the program has no handler for, so a SIGTERM never reached programs such as
 * python's http.server. init.lxc forwards signals, reaps zombies, and on SIGTERM or SIGPWR kills what is left
 * a second later. It is the host's binary, seen by the container through the shared root.
 */
public final class SignalForwardingInit {
    /** Where Debian's lxc package (and most others) install it. */
    static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/init.lxc"), Path.of("/sbin/init.lxc"),
            Path.of("/usr/libexec/lxc/init.lxc"), Path.of("/usr/lib/x86_64-linux-gnu/lxc/init.lxc"),
            Path.of("/usr/lib/lxc/init.lxc"));

    private final Path procRoot;
    private final List<Path> candidates;

    public SignalForwardingInit() {
        this(Path.of("/proc"), CANDIDATES);
    }

    SignalForwardingInit(Path procRoot, List<Path> candidates) {
        this.procRoot = procRoot;
        this.candidates = candidates;
    }

    /** The argv that runs {@code program} under init.lxc in container {@code name}. */
    public List<String> wrap(String name, List<String> program) {
        Path init = candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new IllegalStateException("LXC's init.lxc is not installed on this host (looked in " + candidates
                        + "); it runs a container's plain program as PID 1 so that it can be stopped: install the"
                        + " lxc package's init.lxc"));
        List<String> argv = new ArrayList<>(List.of(init.toString(), "--name", name, "--quiet", "--"));
        argv.addAll(program);
        return argv;
    }

    /**
     * The PID of the container's own program: init.lxc's child when {@code pid} is init.lxc, else {@code pid}.
     * Status, exec and stale name the program the user declared, not the init in front of it. Right after a
     * start, before init.lxc has forked, it is init.lxc's own PID.
     */
    public OptionalInt programPid(OptionalInt pid) {
        if (pid.isEmpty() || !isInitLxc(pid.getAsInt())) {
            return pid;
        }
        return firstChild(pid.getAsInt()).map(OptionalInt::of).orElse(pid);
    }

    private boolean isInitLxc(int pid) {
        try {
            String exe = Files.readSymbolicLink(procRoot.resolve(pid + "/exe")).getFileName().toString();
            return exe.equals("init.lxc") || exe.equals("init.lxc.static");
        } catch (IOException | UnsupportedOperationException | NullPointerException gone) {
            return false;
        }
    }

    private Optional<Integer> firstChild(int pid) {
        try {
            String children = Files.readString(procRoot.resolve(pid + "/task/" + pid + "/children")).strip();
            if (children.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(children.split("\\s+")[0]));
        } catch (IOException | NumberFormatException gone) {
            return Optional.empty();
        }
    }
}
