package io.rootfleet.agent.hook;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.sys.AtomicFiles;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.agent.sys.ProcessRunner;
import io.rootfleet.model.AbsolutePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where systemd is the host's init, the timer that runs a restart the hook deferred to its window: a oneshot
 * service {@code hook settle --pending} and a timer whose {@code OnCalendar} is the window's opening plus this
 * host's jitter, {@code Persistent=true} (a missed opening, the host being off, runs at the next boot; the
 * settle then finds nothing stale and clears the record). Written below a root directory ({@code /} on a real
 * host), enabled with {@code systemctl --root} (which only links files) and started when systemd runs. Both
 * files start with a marker: only files this agent wrote are replaced or removed.
 */
public final class HookTimer {
    private static final String MARKER = "# Written by 'rootfleet-agent hook install --window'; 'rootfleet-agent hook uninstall' removes it.";
    private static final Path UNIT_DIR = Path.of("etc/systemd/system");
    private static final Path RUNNING_SYSTEMD = Path.of("/run/systemd/system");
    private static final Duration SYSTEMCTL_TIMEOUT = Duration.ofSeconds(60);
    private static final Path DEFAULT_HOME = Path.of("/var/lib/rootfleet");

    private final ProcessRunner runner;
    private final Path root;
    private final AgentHome home;

    public HookTimer(ProcessRunner runner, Path root, AgentHome home) {
        this.runner = runner;
        this.root = root.toAbsolutePath().normalize();
        this.home = home;
    }

    /** Whether systemd is this host's init (then the timer is installed on {@code /}). */
    public static boolean systemdRuns() {
        return Files.isDirectory(RUNNING_SYSTEMD);
    }

    /** The units' base name: one pair per agent home. */
    public String name() {
        if (home.dir().toAbsolutePath().normalize().equals(DEFAULT_HOME)) {
            return "rootfleet-hook-window";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(home.dir().toAbsolutePath().normalize().toString()
                    .getBytes(StandardCharsets.UTF_8));
            return "rootfleet-hook-window-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path timerFile() {
        return root.resolve(UNIT_DIR).resolve(name() + ".timer");
    }

    public Path serviceFile() {
        return root.resolve(UNIT_DIR).resolve(name() + ".service");
    }

    /** Whether this home has a timer of ours below the root. */
    public boolean installed() {
        return isOurs(timerFile());
    }

    public String renderService(AbsolutePath launcher) {
        String agent = launcher.value();
        return MARKER + "\n[Unit]\nDescription=rootfleet: a restart of stale containers deferred to the hook's window ("
                + home.dir() + ")\n\n[Service]\nType=oneshot\nExecStart=" + agent + " --home " + home.dir()
                + " hook settle --pending --agent " + agent + "\n";
    }

    public String renderTimer(RestartWindow window, Duration delay) {
        return MARKER + "\n[Unit]\nDescription=rootfleet: the hook's restart window " + window + ", this host "
                + Jitter.format(delay) + " after its opening (" + home.dir() + ")\n\n[Timer]\nOnCalendar="
                + window.onCalendar(delay) + "\nPersistent=true\nUnit=" + name() + ".service\n\n[Install]\nWantedBy=timers.target\n";
    }

    /** Writes both units, enables the timer and, when systemd runs this root, starts it; returns what was done. */
    public List<String> install(AbsolutePath launcher, RestartWindow window, Duration delay) {
        for (Path file : List.of(serviceFile(), timerFile())) {
            if (Files.exists(file) && !isOurs(file)) {
                throw new IllegalStateException(file + " exists and was not written by rootfleet-agent; it is left as it is."
                        + " Remove or rename it first, or install the hook without --window");
            }
        }
        try {
            Files.createDirectories(timerFile().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + timerFile().getParent() + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(serviceFile(), renderService(launcher), PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFiles.write(timerFile(), renderTimer(window, delay), PosixFilePermissions.fromString("rw-r--r--"));
        List<String> done = new ArrayList<>(List.of("wrote " + serviceFile(), "wrote " + timerFile()));
        done.add(systemctl(List.of("systemctl", "--root=" + root, "enable", name() + ".timer")));
        if (runningHere()) {
            done.add(systemctl(List.of("systemctl", "daemon-reload")));
            done.add(systemctl(List.of("systemctl", "restart", name() + ".timer")));
        }
        return done;
    }

    /** Stops, disables and removes the units when they are ours; returns what was done (nothing when absent). */
    public List<String> uninstall() {
        List<String> done = new ArrayList<>();
        if (!installed()) {
            return done;
        }
        if (runningHere()) {
            done.add(systemctl(List.of("systemctl", "stop", name() + ".timer")));
        }
        done.add(systemctl(List.of("systemctl", "--root=" + root, "disable", name() + ".timer")));
        for (Path file : List.of(timerFile(), serviceFile())) {
            if (isOurs(file)) {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
                }
                done.add("removed " + file);
            }
        }
        if (runningHere()) {
            done.add(systemctl(List.of("systemctl", "daemon-reload")));
        }
        return done;
    }

    private boolean runningHere() {
        return root.equals(Path.of("/")) && systemdRuns();
    }

    private String systemctl(List<String> argv) {
        ProcessResult result = runner.run(argv, SYSTEMCTL_TIMEOUT);
        return String.join(" ", argv) + (result.succeeded() ? "" : ": failed (exit " + result.exitCode() + "): "
                + (result.stderr() + result.stdout()).strip());
    }

    private static boolean isOurs(Path file) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).startsWith(MARKER + "\n");
        } catch (IOException e) {
            return false;
        }
    }
}
