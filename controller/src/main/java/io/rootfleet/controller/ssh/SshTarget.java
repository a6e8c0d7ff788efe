package io.rootfleet.controller.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how to log in to one host over SSH.
 *
 * @param address host name or IP address (IPv6 without brackets)
 * @param port TCP port of sshd
 * @param user remote user
 * @param identityFiles private keys to offer (a playbook host's {@code identityFile}); empty means the defaults:
 *     the keys of ssh-agent (when {@code SSH_AUTH_SOCK} is set) and {@code ~/.ssh/id_ed25519}, {@code id_ecdsa},
 *     {@code id_rsa} if present
 * @param knownHosts the known_hosts file that pins host keys
 * @param hostKeyPolicy what to do with a host key that is not in known_hosts
 * @param connectTimeout how long to wait for the TCP connection and the SSH handshake
 * @param commandTimeout how long a remote command or upload may take unless the call gives its own limit
 * @param identitiesOnly offer only {@code identityFiles}, not also the keys of ssh-agent (OpenSSH's
 *     {@code IdentitiesOnly}); a playbook's identityFile is offered alone
 * @param keepAlive a silent connection is probed this often (zero: never), and dropped after
 *     {@code keepAliveProbes} unanswered probes
 * @param via the jump host this one is reached through (a direct-tcpip channel of that host's connection),
 *     itself maybe reached through another
 */
public record SshTarget(
        String address,
        int port,
        String user,
        List<Path> identityFiles,
        Path knownHosts,
        HostKeyPolicy hostKeyPolicy,
        Duration connectTimeout,
        Duration commandTimeout,
        boolean identitiesOnly,
        Duration keepAlive,
        int keepAliveProbes,
        Optional<SshTarget> via) {

    public static final int DEFAULT_PORT = 22;
    public static final String DEFAULT_USER = "root";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(15);
    public static final int DEFAULT_KEEPALIVE_PROBES = 4;
    /** ssh refuses longer ProxyJump chains too; it also stops a config whose jump hosts jump through each other. */
    public static final int MAX_JUMPS = 8;

    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOSTNAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}");

    public SshTarget {
        Objects.requireNonNull(identityFiles, "identityFiles");
        identityFiles.forEach(file -> Objects.requireNonNull(file, "identityFiles contains null"));
        identityFiles = List.copyOf(identityFiles);
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        checkAddress(address);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port " + port + " is out of range; use 1 to 65535");
        }
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("SSH user '" + printable(user) + "' is not a valid user name; use up to"
                    + " 32 letters, digits, '_', '.' and '-', not starting with '.' or '-' (e.g. root)");
        }
        checkTimeout("connect timeout", connectTimeout);
        checkTimeout("command timeout", commandTimeout);
        Objects.requireNonNull(keepAlive, "keepAlive");
        if (keepAlive.isNegative() || keepAliveProbes < 1) {
            throw new IllegalArgumentException("keep-alive " + Durations.human(keepAlive) + " x " + keepAliveProbes
                    + " is not valid; use an interval of 0 (off) or more and at least one probe");
        }
        Objects.requireNonNull(via, "via");
        if (jumps(via) > MAX_JUMPS) {
            throw new IllegalArgumentException("more than " + MAX_JUMPS + " jump hosts lead to " + address
                    + "; check the ssh config for jump hosts that jump through each other (ProxyJump)");
        }
    }

    /** A direct target with OpenSSH's keep-alive defaults; a non-empty {@code identityFiles} is offered alone. */
    public SshTarget(
            String address,
            int port,
            String user,
            List<Path> identityFiles,
            Path knownHosts,
            HostKeyPolicy hostKeyPolicy,
            Duration connectTimeout,
            Duration commandTimeout) {
        this(address, port, user, identityFiles, knownHosts, hostKeyPolicy, connectTimeout, commandTimeout, true,
                DEFAULT_KEEPALIVE, DEFAULT_KEEPALIVE_PROBES, Optional.empty());
    }

    private static int jumps(Optional<SshTarget> via) {
        return via.map(hop -> 1 + jumps(hop.via())).orElse(0);
    }

    public SshTarget withVia(Optional<SshTarget> newVia) {
        return new SshTarget(address, port, user, identityFiles, knownHosts, hostKeyPolicy, connectTimeout,
                commandTimeout, identitiesOnly, keepAlive, keepAliveProbes, newVia);
    }

    public SshTarget withKeepAlive(Duration newInterval, int newProbes) {
        return new SshTarget(address, port, user, identityFiles, knownHosts, hostKeyPolicy, connectTimeout,
                commandTimeout, identitiesOnly, newInterval, newProbes, via);
    }

    public SshTarget withIdentitiesOnly(boolean only) {
        return new SshTarget(address, port, user, identityFiles, knownHosts, hostKeyPolicy, connectTimeout,
                commandTimeout, only, keepAlive, keepAliveProbes, via);
    }

    /** A target with every default: port 22, user root, default keys, {@code ~/.ssh/known_hosts}, STRICT. */
    public static SshTarget of(String address) {
        return new SshTarget(
                address,
                DEFAULT_PORT,
                DEFAULT_USER,
                List.of(),
                Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"),
                HostKeyPolicy.STRICT,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_COMMAND_TIMEOUT);
    }

    public SshTarget withPort(int newPort) {
        return new SshTarget(
                address, newPort, user, identityFiles, knownHosts, hostKeyPolicy, connectTimeout, commandTimeout, identitiesOnly, keepAlive, keepAliveProbes, via);
    }

    public SshTarget withUser(String newUser) {
        return new SshTarget(
                address, port, newUser, identityFiles, knownHosts, hostKeyPolicy, connectTimeout, commandTimeout, identitiesOnly, keepAlive, keepAliveProbes, via);
    }

    public SshTarget withIdentityFiles(List<Path> newIdentityFiles) {
        return new SshTarget(
                address, port, user, newIdentityFiles, knownHosts, hostKeyPolicy, connectTimeout, commandTimeout, identitiesOnly, keepAlive, keepAliveProbes, via);
    }

    public SshTarget withKnownHosts(Path newKnownHosts) {
        return new SshTarget(
                address, port, user, identityFiles, newKnownHosts, hostKeyPolicy, connectTimeout, commandTimeout, identitiesOnly, keepAlive, keepAliveProbes, via);
    }

    public SshTarget withHostKeyPolicy(HostKeyPolicy newPolicy) {
        return new SshTarget(
                address, port, user, identityFiles, knownHosts, newPolicy, connectTimeout, commandTimeout, identitiesOnly, keepAlive, keepAliveProbes, via);
    }

    public SshTarget withConnectTimeout(Duration newTimeout) {
        return new SshTarget(
                address, port, user, identityFiles, knownHosts, hostKeyPolicy, newTimeout, commandTimeout, identitiesOnly, keepAlive, keepAliveProbes, via);
    }

    public SshTarget withCommandTimeout(Duration newTimeout) {
        return new SshTarget(
                address, port, user, identityFiles, knownHosts, hostKeyPolicy, connectTimeout, newTimeout, identitiesOnly, keepAlive, keepAliveProbes, via);
    }

    /** {@code 10.0.0.5:22} or {@code [::1]:2222}, as messages show it. */
    public String hostAndPort() {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    /** The name under which known_hosts stores this host's key: {@code 10.0.0.5}, or {@code [10.0.0.5]:2222}. */
    public String knownHostsName() {
        return port == DEFAULT_PORT ? address : "[" + address + "]:" + port;
    }

    /** {@code root@10.0.0.5:22}, and the jump hosts: {@code root@10.0.0.5:22 via admin@bastion:22}. */
    @Override
    public String toString() {
        return user + "@" + hostAndPort() + via.map(hop -> " via " + hop).orElse("");
    }

    private static void checkAddress(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException(
                    "SSH host address is empty; give a host name or IP address (e.g. web-01.example.org or 10.0.0.5)");
        }
        if (address.length() > 253 || !(HOSTNAME.matcher(address).matches() || IPV6.matcher(address).matches())) {
            String hint = address.contains("@")
                    ? "give the user separately, not as user@host"
                    : address.contains(":") && !address.contains("[")
                            ? "give the port separately, not as host:port"
                            : "use a host name of letters, digits, '-' and '.', or an IP address";
            throw new IllegalArgumentException(
                    "SSH host address '" + printable(address) + "' is not a host name or IP address; " + hint);
        }
    }

    private static void checkTimeout(String name, Duration timeout) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero, got " + Durations.human(timeout));
        }
        if (timeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(name + " " + Durations.human(timeout) + " is longer than a day");
        }
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
