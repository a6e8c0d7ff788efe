package io.rootfleet.controller.fleet;

import io.rootfleet.agent.cli.AgentCli;
import io.rootfleet.agent.userns.SharedSavedFiles;
import io.rootfleet.controller.cli.RootfleetCli;
import io.rootfleet.controller.playbook.HostSpec;
import io.rootfleet.controller.playbook.Playbook;
import io.rootfleet.controller.playbook.PlaybookReader;
import io.rootfleet.controller.ssh.SshdHarness;
import io.rootfleet.controller.ssh.SshdHost;
import io.rootfleet.model.codec.DesiredStateWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The scratch side of a simulated fleet, fresh for each test: a directory {@code /tmp/rf-fleet-ID} holding the
 * playbooks and one agent home per simulated host ({@code /tmp/rf-fleet-ID/HOST}), container names suffixed with
 * the same random ID, and the controller run in-process or through its launcher. After each test, even a
 * failed one, every container is killed and every agent home unmounted and deleted; a failure carries the
 * output of every controller run of the test.
 *
 * <pre>{@code
 * @RegisterExtension static final SshdExtension SSHD = new SshdExtension(3);
 * @RegisterExtension final SimulatedFleet fleet = new SimulatedFleet();
 * }</pre>
 *
 * A directory is owned by a lock on {@code /tmp/rf-fleet-ID.owner}; the first fleet of a JVM cleans up the
 * directories of runs that were killed (their lock is free), and leaves alone those of runs in parallel.
 */
public final class SimulatedFleet implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {
    /** Every container of the tests: a light init, stopped at once. */
    static final String CONTAINER_DEFAULTS = """
            defaults:
              init: [/bin/sleep, infinity]
              stop: {timeout: 0}
            """;

    private static final Path TMP = Path.of("/tmp");
    private static final String PREFIX = "rf-fleet-";
    private static final Duration OWNER_GRACE = Duration.ofSeconds(30);
    private static final Set<String> OWNED_BY_THIS_JVM = Collections.synchronizedSet(new HashSet<>());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile boolean leftoversRemoved;

    private String id;
    private Path dir;
    private FileChannel ownerChannel;
    private FileLock owner;
    private final List<ControllerRun> runs = Collections.synchronizedList(new ArrayList<>());
    /**
     * The agents add root's line to the real /etc/subuid and /etc/subgid for unprivileged containers; put back
     * exactly when the last test of this JVM that uses them is done (tests run in parallel).
     */
    private boolean subIdsAcquired;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        SharedSavedFiles.SUB_IDS.acquire();
        subIdsAcquired = true;
        removeLeftovers();
        id = randomId();
        OWNED_BY_THIS_JVM.add(id);
        ownerChannel = FileChannel.open(ownerFile(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        owner = ownerChannel.lock();
        dir = Files.createDirectory(TMP.resolve(PREFIX + id));
        runs.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (ownerChannel == null) {
            releaseSubIds();
            return; // beforeEach failed before it owned anything
        }
        try {
            if (dir != null) {
                tearDown(dir);
            }
        } finally {
            releaseSubIds();
            owner.release();
            ownerChannel.close();
            Files.deleteIfExists(ownerFile(id));
            OWNED_BY_THIS_JVM.remove(id);
            ownerChannel = null;
            dir = null;
        }
    }

    private void releaseSubIds() {
        if (subIdsAcquired) {
            subIdsAcquired = false;
            SharedSavedFiles.SUB_IDS.release();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        synchronized (runs) {
            for (ControllerRun run : runs) {
                failure.addSuppressed(new RunOutput(run));
            }
        }
        throw failure;
    }

    /** The random ID of this test's fleet: six lowercase letters and digits. */
    String id() {
        return id;
    }

    Path dir() {
        return dir;
    }

    /** A container name unique to this test: {@code base-ID}. */
    String name(String base) {
        return base + "-" + id;
    }

    /** The agent home of simulated host {@code host}; the agent creates it. */
    Path home(String host) {
        return dir.resolve(host);
    }

    /** Writes a file into this test's directory, for a playbook or a script. */
    Path write(String fileName, String text) {
        try {
            return Files.writeString(dir.resolve(fileName), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an executable script into this test's directory. */
    Path script(String fileName, String text) {
        Path script = write(fileName, text);
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }

    /**
     * The playbook entry of host {@code name}, reached over SSH at sshd {@code index} of the harness, with the
     * checkout's agent and its own agent home: always seven lines, so that tests can count lines.
     */
    String sshHost(String name, SshdHarness sshd, int index, String... groups) {
        return sshHost(name, sshd, index, Checkout.agentLauncher(), groups);
    }

    /** As {@link #sshHost(String, SshdHarness, int, String...)}, with another agent launcher. */
    String sshHost(String name, SshdHarness sshd, int index, Path agentPath, String... groups) {
        SshdHost host = sshd.host(index);
        return """
                  - name: %s
                    address: %s
                    port: %d
                    identityFile: %s
                    agentPath: %s
                    agentHome: %s
                    groups: [%s]
                """.formatted(name, host.address(), host.port(), sshd.clientKey(), agentPath, home(name),
                String.join(", ", groups));
    }

    /** The playbook entry of host {@code name} on this machine ({@code connection: local}), with the checkout's agent. */
    String localHost(String name) {
        return """
                  - name: %s
                    connection: local
                    agentPath: %s
                    agentHome: %s
                """.formatted(name, Checkout.agentLauncher(), home(name));
    }

    /** Runs {@code rootfleet ARGS...} in this JVM. */
    ControllerRun rootfleet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int exit = RootfleetCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return record(new ControllerRun(List.of(args), exit, out.toString(), err.toString(), millisSince(start)));
    }

    /**
     * Brings every host of {@code playbook} to its desired state, as {@code rootfleet apply} does, but with each
     * host's agent run in this JVM: for the tests whose subject comes after the apply (a patch, a campaign, an exec, a
     * teardown, a prune). Over SSH each host's apply is a JVM start, about a second of CPU; the apply itself is tested over
     * SSH by FleetApplyIT and the others.
     */
    void applyInThisJvm(Path playbook) {
        Playbook book = PlaybookReader.read(playbook);
        for (HostSpec host : book.hosts()) {
            Path state = write(host.name() + "-desired.json", DesiredStateWriter.toJson(book.desiredFor(host)));
            agentInThisJvm(Path.of(host.agentHome().value()), "apply", state.toString());
        }
    }

    /** Runs {@code rootfleet-agent --home HOME ARGS...} in this JVM; fails the test with its output unless it exits 0. */
    static void agentInThisJvm(Path home, String... args) {
        List<String> argv = new ArrayList<>(List.of("--home", home.toString()));
        argv.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AgentCli.run(argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        if (exit != 0) {
            throw new AssertionError("rootfleet-agent " + String.join(" ", argv) + " exited " + exit
                    + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err);
        }
    }

    /** Runs {@code bin/rootfleet ARGS...} of the checkout, as a process. */
    ControllerRun launcher(String... args) {
        List<String> argv = new ArrayList<>(List.of(Checkout.controllerLauncher().toString()));
        argv.addAll(List.of(args));
        long start = System.nanoTime();
        Processes.Result result = Processes.run(argv, Duration.ofMinutes(2));
        return record(new ControllerRun(List.of(args), result.exit(), result.stdout(), result.stderr(), millisSince(start)));
    }

    private ControllerRun record(ControllerRun run) {
        runs.add(run);
        return run;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Tears down every agent home in {@code dir}, then deletes it, refusing if anything is still mounted there. */
    private static void tearDown(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> homes;
        try (Stream<Path> children = Files.list(dir)) {
            homes = children.filter(Files::isDirectory).toList();
        }
        List<RuntimeException> failures = new ArrayList<>();
        for (Path home : homes) {
            try {
                AgentHomes.tearDown(home);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("cannot tear down the agent homes in " + dir
                    + ": " + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")));
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
        AgentHomes.deleteTree(dir);
    }

    /** Directories of killed runs: their owner lock is free. Others are in use by a run in parallel. */
    private static synchronized void removeLeftovers() throws IOException {
        if (leftoversRemoved) {
            return;
        }
        leftoversRemoved = true;
        List<Path> owners;
        try (Stream<Path> entries = Files.list(TMP)) {
            owners = entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && p.getFileName().toString().endsWith(".owner")).toList();
        }
        for (Path ownerFile : owners) {
            String name = ownerFile.getFileName().toString();
            String leftoverId = name.substring(PREFIX.length(), name.length() - ".owner".length());
            // closing a second channel on a file this JVM has locked would drop that lock: never open one
            if (OWNED_BY_THIS_JVM.contains(leftoverId)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(ownerFile, StandardOpenOption.WRITE)) {
                if (youngerThan(ownerFile, OWNER_GRACE)) {
                    continue;
                }
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    continue;
                }
                tearDown(TMP.resolve(PREFIX + leftoverId));
                Files.deleteIfExists(ownerFile);
            } catch (NoSuchFileException gone) {
                // its run closed it since the listing
            } catch (IOException | RuntimeException e) {
                System.err.println("rf-fleet: cannot clean up the leftover " + ownerFile + ": " + e.getMessage());
            }
        }
    }

    private static boolean youngerThan(Path file, Duration age) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        return modified.toInstant().isAfter(Instant.now().minus(age));
    }

    private static Path ownerFile(String id) {
        return TMP.resolve(PREFIX + id + ".owner");
    }

    private static String randomId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** Carries one controller run's output into the test report. */
    private static final class RunOutput extends Exception {
        RunOutput(ControllerRun run) {
            super(run.toString(), null, false, false);
        }
    }
}
