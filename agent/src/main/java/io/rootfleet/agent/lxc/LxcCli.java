package io.rootfleet.agent.lxc;

import io.rootfleet.agent.sys.CommandFailedException;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.agent.sys.ProcessRunner;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.StopPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;

/** {@link Lxc} through the lxc-* commands, argv only. */
public final class LxcCli implements Lxc {
    /** What a process inside a container gets when the caller does not say: no host variables leak in. */
    static final Map<String, String> BASE_ENV = Map.of(
            "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8");
    private static final Duration QUICK = Duration.ofSeconds(60);
    /** Beyond a command's own timeout, for lxc-attach itself. */
    private static final Duration ATTACH_SLACK = Duration.ofSeconds(10);

    private final ProcessRunner runner;
    private final Path lxcPath;
    private final SignalForwardingInit plainInit;

    public LxcCli(ProcessRunner runner, Path lxcPath) {
        this(runner, lxcPath, new SignalForwardingInit());
    }

    LxcCli(ProcessRunner runner, Path lxcPath, SignalForwardingInit plainInit) {
        this.runner = runner;
        this.lxcPath = lxcPath;
        this.plainInit = plainInit;
    }

    /** Whether LXC's commands are installed on this host (lxc-start on PATH). */
    public static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "lxc-start")));
    }

    @Override
    public Map<ContainerName, LxcStatus> list() {
        ProcessResult result = runner.run(
                List.of("lxc-ls", "-P", lxcPath.toString(), "--fancy", "--fancy-format", "NAME,STATE,PID"), QUICK)
                .orThrow();
        return programPids(parseList(result.stdout()));
    }

    @Override
    public LxcStatus state(ContainerName name) {
        // lxc-ls takes a regular expression; a container name has nothing in it a regex would read specially
        ProcessResult result = runner.run(List.of("lxc-ls", "-P", lxcPath.toString(), "--fancy", "--fancy-format",
                "NAME,STATE,PID", "^" + name.value() + "$"), QUICK).orThrow();
        return programPids(parseList(result.stdout())).getOrDefault(name, LxcStatus.STOPPED);
    }

    private Map<ContainerName, LxcStatus> programPids(Map<ContainerName, LxcStatus> states) {
        states.replaceAll((name, status) -> new LxcStatus(status.state(), plainInit.programPid(status.initPid())));
        return states;
    }

    static Map<ContainerName, LxcStatus> parseList(String output) {
        Map<ContainerName, LxcStatus> states = new TreeMap<>();
        String[] lines = output.split("\n");
        for (int i = 1; i < lines.length; i++) { // the first line is the header
            String[] columns = lines[i].trim().split("\\s+");
            if (columns.length < 3) {
                continue;
            }
            ContainerName name;
            try {
                name = new ContainerName(columns[0]);
            } catch (IllegalArgumentException notOurs) {
                continue;
            }
            OptionalInt pid = columns[2].matches("\\d+") ? OptionalInt.of(Integer.parseInt(columns[2])) : OptionalInt.empty();
            states.put(name, new LxcStatus(RunState.parse(columns[1]), pid));
        }
        return states;
    }

    @Override
    public void start(ContainerName name, List<String> init) {
        List<String> argv = new ArrayList<>(List.of("lxc-start", "-P", lxcPath.toString(), "-n", name.value()));
        if (!init.isEmpty()) {
            argv.add("--");
            argv.addAll(plainInit.wrap(name.value(), init));
        }
        Optional<Path> log = logFile(name);
        long logSizeBefore = log.map(LxcCli::size).orElse(0L);
        ProcessResult result = runner.run(argv, QUICK);
        if (!result.succeeded()) {
            throw LxcStartFailure.of(name.value(), result, log.map(l -> readFrom(l, logSizeBefore)).orElse(""),
                    log.map(Path::toString).orElse("none set; run lxc-start -F to see it"));
        }
    }

    /** The log file the container's config names ({@code lxc.log.file}), if any. */
    private Optional<Path> logFile(ContainerName name) {
        try {
            return Files.readAllLines(lxcPath.resolve(name.value()).resolve("config")).stream()
                    .map(String::strip)
                    .filter(l -> l.startsWith("lxc.log.file") && l.contains("="))
                    .map(l -> l.substring(l.indexOf('=') + 1).strip())
                    .filter(v -> v.startsWith("/"))
                    .reduce((first, last) -> last)
                    .map(Path::of);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the log gained since {@code offset}: this start's lines only; LXC appends to it across starts. */
    private static String readFrom(Path file, long offset) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long length = Math.min(channel.size() - offset, 1 << 20);
            if (length <= 0) {
                return "";
            }
            channel.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate((int) length);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read all of it
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public StopResult stop(ContainerName name, StopPolicy policy) {
        List<String> argv = new ArrayList<>(List.of("lxc-stop", "-P", lxcPath.toString(), "-n", name.value()));
        if (policy.timeoutSeconds() == 0 || policy.signal().equals("SIGKILL")) {
            argv.add("--kill");
        } else {
            argv.addAll(List.of("--timeout", String.valueOf(policy.timeoutSeconds())));
        }
        ProcessResult result = runner.run(argv, Duration.ofSeconds(policy.timeoutSeconds()).plus(QUICK));
        if (result.succeeded()) {
            return StopResult.STOPPED;
        }
        if (result.stderr().contains("is not running")) {
            return StopResult.WAS_NOT_RUNNING;
        }
        throw new CommandFailedException(result);
    }

    @Override
    public int attach(ContainerName name, Map<String, String> env, List<String> argv) {
        return runner.runInteractive(attachArgv(name, env, argv));
    }

    @Override
    public ProcessResult attachCaptured(ContainerName name, Map<String, String> env, List<String> argv, Duration timeout) {
        return runner.run(attachArgv(name, env, withTimeout(argv, timeout)), timeout.plus(ATTACH_SLACK));
    }

    @Override
    public ProcessResult probeTcp(ContainerName name, int port, Duration timeout) {
        List<String> all = new ArrayList<>(List.of("lxc-attach", "-P", lxcPath.toString(), "-n", name.value(),
                "--namespaces", "NETWORK", "--clear-env"));
        BASE_ENV.forEach((k, v) -> all.addAll(List.of("--set-var", k + "=" + v)));
        all.add("--");
        // the host's bash in the container's network namespace; the port is an argument, never script text
        all.addAll(withTimeout(List.of("/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/$1", "tcp-check",
                String.valueOf(port)), timeout));
        return runner.run(all, timeout.plus(ATTACH_SLACK));
    }

    @Override
    public ProcessResult systemState(ContainerName name, Duration timeout) {
        return attachCaptured(name, Map.of(), List.of("/usr/bin/systemctl", "is-system-running", "--wait"), timeout);
    }

    @Override
    public ProcessResult unitStates(ContainerName name, List<String> units, Duration timeout) {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/systemctl", "is-active", "--"));
        argv.addAll(units);
        return attachCaptured(name, Map.of(), argv, timeout);
    }

    @Override
    public ProcessResult journalTail(ContainerName name, String unit, int lines, Duration timeout) {
        return attachCaptured(name, Map.of(), List.of("/usr/bin/journalctl", "--no-pager", "-o", "cat", "-n",
                String.valueOf(lines), "-u", unit), timeout);
    }

    /** coreutils timeout runs inside: killing lxc-attach would leave the command running in the container. */
    private static List<String> withTimeout(List<String> argv, Duration timeout) {
        List<String> all = new ArrayList<>(List.of("/usr/bin/timeout", "--kill-after=1", timeout.toSeconds() + "s"));
        all.addAll(argv);
        return all;
    }

    private List<String> attachArgv(ContainerName name, Map<String, String> env, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("lxc-attach", "-P", lxcPath.toString(), "-n", name.value(), "--clear-env"));
        Map<String, String> all = new LinkedHashMap<>(BASE_ENV);
        all.putAll(env);
        all.forEach((k, v) -> argv.addAll(List.of("--set-var", k + "=" + v)));
        argv.add("--");
        argv.addAll(command);
        return argv;
    }
}
