package io.rootfleet.controller.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real OpenSSH {@code sshd} of an {@link SshdHarness}, listening on its own loopback address with its own
 * ed25519 host key. Can be stopped (host down), started again on the same address and port, and given a new
 * host key (changed host key).
 */
public final class SshdHost {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(10);
    private static final int PORT_ATTEMPTS = 5;

    private final String address;
    private final Path directory;
    private final Path authorizedKeys;
    private final Path hostKey;
    private final Path config;
    private final Path log;
    private final List<String> launchPrefix;
    private int port;
    private boolean tcpForwarding;
    private Process process;

    SshdHost(String address, Path directory, Path authorizedKeys) {
        this(address, 0, directory, authorizedKeys, List.of());
    }

    /**
     * A host on a fixed port, started through {@code launchPrefix} (e.g. {@code ip netns exec NS}: sshd then
     * listens inside that network namespace, where this JVM may not reach it). Start it with {@link #start()}.
     */
    SshdHost(String address, int port, Path directory, Path authorizedKeys, List<String> launchPrefix) {
        this.address = address;
        this.port = port;
        this.launchPrefix = List.copyOf(launchPrefix);
        this.directory = directory;
        this.authorizedKeys = authorizedKeys;
        this.hostKey = directory.resolve("ssh_host_ed25519_key");
        this.config = directory.resolve("sshd_config");
        this.log = directory.resolve("sshd.log");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        generateHostKey();
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    /** The host key's fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:...}. */
    public String hostKeyFingerprint() {
        String output = LocalCommand.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", hostKey + ".pub"));
        return output.split(" ")[1];
    }

    /** The known_hosts line that pins the current host key: {@code [127.0.0.x]:port ssh-ed25519 AAAA...}. */
    public String knownHostsLine() {
        String[] publicKey = read(Path.of(hostKey + ".pub")).split(" ");
        return "[" + address + "]:" + port + " " + publicKey[0] + " " + publicKey[1];
    }

    /** Everything sshd logged so far, across restarts. */
    public String log() {
        return Files.exists(log) ? read(log) : "";
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills sshd and every session it serves: the host is down, connections are refused. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> sessions = process.descendants().toList();
        process.destroyForcibly();
        sessions.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts sshd again on the same address and port. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        if (!tryStart()) {
            throw new IllegalStateException(address + ":" + port + " was taken by another process while sshd"
                    + " was down; log:\n" + log());
        }
    }

    /** Lets clients open direct-tcpip channels through this host, as a jump host needs; restarts sshd. */
    public synchronized void allowTcpForwarding() {
        tcpForwarding = true;
        if (isRunning()) {
            stop();
            start();
        }
    }

    /** How many clients have logged in so far (its log's "Accepted publickey" lines; probes never log in). */
    public int logins() {
        return (int) log().lines().filter(line -> line.startsWith("Accepted publickey for ")).count();
    }

    /** Replaces the host key with a new one and restarts sshd: clients that pinned the old key see a change. */
    public synchronized void regenerateHostKey() {
        stop();
        generateHostKey();
        start();
    }

    /** First start: picks a free port on the address, and another if someone takes it before sshd binds it. */
    synchronized void startOnFreePort() {
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            port = freePort();
            if (tryStart()) {
                return;
            }
        }
        throw new IllegalStateException("sshd found no free port on " + address + " in " + PORT_ATTEMPTS
                + " attempts; log:\n" + log());
    }

    /** Starts sshd and waits until it accepts connections; false if the port was taken meanwhile. */
    private boolean tryStart() {
        writeConfig();
        long logStart = sizeOf(log);
        try {
            List<String> argv = new java.util.ArrayList<>(launchPrefix);
            argv.addAll(List.of(SSHD.toString(), "-D", "-e", "-f", config.toString()));
            process = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + SSHD + " (is openssh-server installed?)", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String listening = "Server listening on " + address + " port " + port + ".";
        while (true) {
            String newLog = log().substring((int) logStart);
            if (!process.isAlive()) {
                process = null;
                if (newLog.contains("Address already in use")) {
                    return false;
                }
                throw new IllegalStateException("sshd on " + address + ":" + port + " exited at start; log:\n"
                        + newLog);
            }
            // sshd logs this once it listens; only a host in this JVM's network namespace can be probed too
            if (newLog.contains(listening) && (!launchPrefix.isEmpty() || acceptsConnections())) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("sshd on " + address + ":" + port + " did not accept connections"
                        + " within " + START_TIMEOUT + "; log:\n" + newLog);
            }
            sleep(POLL);
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a port on " + address, e);
        }
    }

    private void generateHostKey() {
        try {
            Files.deleteIfExists(hostKey);
            Files.deleteIfExists(Path.of(hostKey + ".pub"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalCommand.run(List.of(
                "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "host " + address, "-f", hostKey.toString()));
    }

    private void writeConfig() {
        String text = String.join(
                "\n",
                "ListenAddress " + address + ":" + port,
                "HostKey " + hostKey,
                "PidFile " + directory.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeys,
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                // the harness lives in /tmp, which is world-writable: StrictModes would refuse the key files
                "StrictModes no",
                "AllowAgentForwarding no",
                "AllowTcpForwarding " + (tcpForwarding ? "yes" : "no"),
                "X11Forwarding no",
                "PrintMotd no",
                "Subsystem sftp internal-sftp",
                "LogLevel VERBOSE",
                // as failsafe does for the test JVM: the agent launchers use this build's jar (bin/build-if-changed),
                // and the agents register their homes in the tests' registry, not in the host's /etc
                // SHLVL=1: the sessions' bash (root's shell) is then not a top-level shell and skips ~/.bashrc, which
                // bash reads for sshd's commands: a simulated host must not run this machine's shell start-up (a
                // pyenv init there cost 160 ms of CPU per channel), as a stock host's does not
                "SetEnv ROOTFLEET_NO_BUILD=1 SHLVL=1" + java.util.Optional.ofNullable(System.getenv("ROOTFLEET_HOMES_REGISTRY"))
                        .map(registry -> " ROOTFLEET_HOMES_REGISTRY=" + registry).orElse(""),
                "");
        try {
            Files.writeString(config, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sshd", e);
        }
    }

    @Override
    public String toString() {
        return "sshd on " + address + ":" + port;
    }
}
