package io.rootfleet.agent.it;

import io.rootfleet.agent.cli.AgentCli;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.AgentHomes;
import io.rootfleet.agent.host.HostLayers;
import io.rootfleet.agent.host.SafeDelete;
import io.rootfleet.agent.engine.Engine;
import io.rootfleet.agent.lxc.HostFacts;
import io.rootfleet.agent.lxc.LxcCli;
import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.agent.sys.Kernel;
import io.rootfleet.agent.sys.ProcessResult;
import io.rootfleet.agent.userns.SharedSavedFiles;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.StopPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A throwaway agent home for one test: its own directory under /tmp, its own lxcpath and mounts, and
 * container names unique to it. Closing it kills its containers, unmounts its layers and deletes it.
 * Homes left by a killed test run are cleaned up when the next one starts (their owner lock is free).
 * The agent adds root's line to the real /etc/subuid and /etc/subgid for unprivileged containers (LXC's
 * newuidmap reads only those); when the last home of this JVM closes, both are put back exactly as they were
 * before the first opened ({@link SharedSavedFiles}: test classes run in parallel).
 */
final class TestHome implements AutoCloseable {
    private static final Path TMP = Path.of("/tmp");
    private static final String PREFIX = "rf-it-";
    /**
     * The homes of this JVM still open. The stale-home sweep never opens their owner files: closing a second
     * channel on a file drops every lock this process holds on it (POSIX record locks; see FileLock), after which
     * another test run's sweep would take the home for a leftover and delete it under the running test.
     */
    private static final Set<String> OWNED_BY_THIS_JVM = ConcurrentHashMap.newKeySet();

    final String id = UUID.randomUUID().toString().substring(0, 6);
    final Path dir = TMP.resolve(PREFIX + id);
    final AgentHome home = new AgentHome(dir);
    final LxcCli lxc = new LxcCli(new CommonsExecRunner(), home.containers());
    private final FileChannel ownerChannel;
    private final FileLock owner;
    private final List<Runnable> cleanups = new ArrayList<>();
    private boolean closed;

    TestHome() {
        // one home at a time in this JVM: another one's stale-home sweep must not lock (and remove) this home's
        // owner file between its creation and its lock
        synchronized (TestHome.class) {
            cleanStaleHomes();
            OWNED_BY_THIS_JVM.add(PREFIX + id);
            try {
                ownerChannel = FileChannel.open(TMP.resolve(PREFIX + id + ".owner"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                owner = ownerChannel.lock();
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        SharedSavedFiles.SUB_IDS.acquire();
    }

    /** A container name unique to this home, so parallel or leftover runs never collide in cgroups. */
    String name(String base) {
        return base + "-" + id;
    }

    /** The result of running the agent CLI. */
    record Run(int exit, String out, String err) {}

    /** Runs {@code rootfleet-agent --home DIR ARGS...} in this JVM. */
    Run agent(String... args) {
        return agentAt(dir, args);
    }

    /** Runs the agent with {@code --home} given as {@code home}, e.g. a symlink to this home's directory. */
    static Run agentAt(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = new ArrayList<>(List.of("--home", home.toString()));
        argv.addAll(List.of(args));
        int exit = AgentCli.run(argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Writes a desired-state document and applies it. */
    Run apply(String yaml, String... flags) {
        Path file = writeState(yaml);
        List<String> args = new ArrayList<>(List.of("apply"));
        args.addAll(List.of(flags));
        args.add(file.toString());
        return agent(args.toArray(String[]::new));
    }

    Path writeState(String yaml) {
        try {
            Path file = Files.createTempFile(TMP, PREFIX + id + "-state", ".yml");
            Files.writeString(file, yaml);
            cleanups.add(() -> deleteQuietly(file));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command inside a container, capturing its output. */
    ProcessResult exec(String container, String... argv) {
        return lxc.attachCaptured(new ContainerName(container), Map.of(), List.of(argv), Duration.ofSeconds(30));
    }

    /** Registers something to undo at close, e.g. a canary file on the host. */
    void onClose(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    /** The agent's engine on this home, as the commands wire it. */
    public Engine engine() {
        return new Engine(home, lxc, Kernel.get(), HostFacts.detect());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            tearDown(home);
        } finally {
            try {
                cleanups.forEach(Runnable::run);
            } finally {
                SharedSavedFiles.SUB_IDS.release();
                try {
                    owner.release();
                    ownerChannel.close();
                    Files.deleteIfExists(TMP.resolve(PREFIX + id + ".owner"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    OWNED_BY_THIS_JVM.remove(PREFIX + id);
                }
            }
        }
    }

    static void tearDown(AgentHome home) {
        LxcCli lxc = new LxcCli(new CommonsExecRunner(), home.containers());
        if (Files.isDirectory(home.containers())) {
            lxc.list().forEach((name, state) -> {
                if (state.running()) {
                    lxc.stop(name, new StopPolicy("SIGKILL", 0));
                }
            });
        }
        new HostLayers(home, Kernel.get()).release();
        new SafeDelete(Kernel.get()).deleteTree(home.dir());
        AgentHomes.unregister(home);
    }

    private static void cleanStaleHomes() {
        try (Stream<Path> entries = Files.list(TMP)) {
            for (Path owner : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && p.getFileName().toString().endsWith(".owner")).toList()) {
                if (OWNED_BY_THIS_JVM.contains(owner.getFileName().toString().replace(".owner", ""))) {
                    continue; // a test in this JVM still uses it: never open its owner file (see above)
                }
                try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.tryLock();
                    if (lock == null) {
                        continue; // a live test run owns it
                    }
                    String home = owner.getFileName().toString().replace(".owner", "");
                    tearDown(new AgentHome(TMP.resolve(home)));
                    Files.deleteIfExists(owner);
                    lock.release();
                } catch (OverlappingFileLockException ownedByThisJvm) {
                    // another home of this JVM, created after the check above
                } catch (NoSuchFileException gone) {
                    // its test closed it (or another cleanup took it) since the listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort for test scratch files
        }
    }
}
