package io.rootfleet.controller.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Real OpenSSH {@code sshd} servers on loopback for tests: each on its own random address 127.0.0.x and a free
 * port, with its own ed25519 host key, all accepting one generated client key for the current user (root).
 * A known_hosts file pins every host key as first started.
 *
 * <pre>{@code
 * try (SshdHarness sshd = SshdHarness.start(2);
 *         SshSession host = new SshClient().connect(sshd.target(0))) {
 *     host.run(List.of("true"), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * Everything lives under {@code /tmp/rf-ssh-harness-*}; {@link #close()} (also run by a shutdown hook) kills
 * every sshd and deletes it. Leftovers of a run that was killed are cleaned up by the next {@link #start}.
 * JUnit tests can use {@link SshdExtension} instead, which also attaches the sshd logs to failures.
 */
public final class SshdHarness implements AutoCloseable {
    private static final Path RUN_SSHD = Path.of("/run/sshd");

    private final Path directory;
    private final Path clientKey;
    private final Path knownHosts;
    private final List<SshdHost> hosts = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "sshd harness cleanup");
    private boolean closed;

    private SshdHarness() throws IOException {
        directory = HarnessDirectories.create(HarnessDirectories.ROOT);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        clientKey = directory.resolve("client_ed25519");
        knownHosts = directory.resolve("known_hosts");
    }

    /** Starts {@code hostCount} sshd servers and waits until each accepts connections. */
    public static SshdHarness start(int hostCount) {
        if (hostCount < 1 || hostCount > 50) {
            throw new IllegalArgumentException("start 1 to 50 hosts, not " + hostCount);
        }
        HarnessDirectories.removeLeftovers(HarnessDirectories.ROOT);
        createPrivilegeSeparationDirectory();
        SshdHarness harness = null;
        try {
            harness = new SshdHarness();
            harness.launch(hostCount);
            return harness;
        } catch (IOException | RuntimeException e) {
            if (harness != null) {
                harness.close();
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private void launch(int hostCount) throws IOException {
        LocalCommand.run(List.of(
                "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rootfleet test client", "-f",
                clientKey.toString()));
        Path authorizedKeys = directory.resolve("authorized_keys");
        Files.copy(Path.of(clientKey + ".pub"), authorizedKeys);
        List<String> addresses = randomLoopbackAddresses(hostCount);
        for (int i = 0; i < hostCount; i++) {
            SshdHost host = new SshdHost(addresses.get(i), directory.resolve("host-" + i), authorizedKeys);
            hosts.add(host);
            host.startOnFreePort();
        }
        Files.write(knownHosts, hosts.stream().map(SshdHost::knownHostsLine).toList());
    }

    /**
     * One more host, its sshd started through {@code launchPrefix} (e.g. {@code unshare --mount ...}, for a host
     * whose sessions see other files), on a free loopback address of its own; its key is pinned in
     * {@link #knownHosts()} too. Stopped on close like the others.
     */
    public SshdHost startAnother(List<String> launchPrefix) {
        List<String> taken = hosts.stream().map(SshdHost::address).toList();
        String address = randomLoopbackAddresses(taken.size() + 1).stream().filter(a -> !taken.contains(a))
                .findFirst().orElseThrow();
        SshdHost host = new SshdHost(address, 0, directory.resolve("host-" + hosts.size()), directory.resolve("authorized_keys"),
                launchPrefix);
        hosts.add(host);
        host.startOnFreePort();
        try {
            Files.writeString(knownHosts, host.knownHostsLine() + "\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return host;
    }

    public List<SshdHost> hosts() {
        return Collections.unmodifiableList(hosts);
    }

    public SshdHost host(int index) {
        return hosts.get(index);
    }

    /** The client's private key, accepted by every host. */
    public Path clientKey() {
        return clientKey;
    }

    /** A known_hosts file pinning each host's key as first started. */
    public Path knownHosts() {
        return knownHosts;
    }

    /** The user tests log in as: the one running them. */
    public String user() {
        return System.getProperty("user.name");
    }

    /** A fresh directory inside the harness directory, deleted on close. Hosts see the same file system. */
    public Path newDirectory(String name) {
        try {
            return Files.createTempDirectory(directory, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A STRICT target for host {@code index}: the client key, the pinned known_hosts, short timeouts. */
    public SshTarget target(int index) {
        SshdHost host = host(index);
        return SshTarget.of(host.address())
                .withPort(host.port())
                .withUser(user())
                .withIdentityFiles(List.of(clientKey))
                .withKnownHosts(knownHosts)
                .withConnectTimeout(Duration.ofSeconds(5))
                .withCommandTimeout(Duration.ofSeconds(30));
    }

    /** All sshd logs, to attach to a failure. */
    public String logs() {
        return hosts.stream()
                .map(host -> "--- " + host + " ---\n" + host.log())
                .collect(Collectors.joining("\n"));
    }

    /** Kills every sshd and deletes the directory. Safe to call twice and after a failed start. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        hosts.forEach(SshdHost::stop);
        HarnessDirectories.delete(directory);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook running
        }
    }

    private static List<String> randomLoopbackAddresses(int count) {
        List<Integer> lastBytes = new ArrayList<>(IntStream.rangeClosed(10, 250).boxed().toList());
        Collections.shuffle(lastBytes);
        return lastBytes.subList(0, count).stream().map(x -> "127.0.0." + x).toList();
    }

    /** sshd started as root refuses to run without its privilege separation directory. */
    private static void createPrivilegeSeparationDirectory() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        try {
            Files.createDirectories(RUN_SSHD);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + RUN_SSHD + ", which sshd needs as root", e);
        }
    }
}
