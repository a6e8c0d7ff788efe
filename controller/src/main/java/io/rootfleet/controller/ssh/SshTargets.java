package io.rootfleet.controller.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns a host as the user names it into an {@link SshTarget}, the way {@code ssh ALIAS} would: the ssh config's
 * options for the alias (and for each of its jump hosts) fill in what the caller did not give. What the caller
 * gives wins (the playbook's port, user and identityFile; the command line's {@code --known-hosts} and
 * {@code --connect-timeout}), then the ssh config, then rootfleet's defaults (port 22, user root). The host key
 * policy is the caller's alone: no ssh config option weakens it.
 */
public final class SshTargets {
    private final SshConfig config;
    private final Optional<Path> knownHosts;
    private final HostKeyPolicy hostKeyPolicy;
    private final Optional<Duration> connectTimeout;
    private final Duration commandTimeout;
    private final Path home;
    private final String localUser;

    /**
     * @param knownHosts the known_hosts file given on the command line, which wins over UserKnownHostsFile
     * @param connectTimeout the connect timeout given on the command line, which wins over ConnectTimeout
     */
    public SshTargets(SshConfig config, Optional<Path> knownHosts, HostKeyPolicy hostKeyPolicy,
            Optional<Duration> connectTimeout, Duration commandTimeout, Path home, String localUser) {
        this.config = config;
        this.knownHosts = knownHosts;
        this.hostKeyPolicy = hostKeyPolicy;
        this.connectTimeout = connectTimeout;
        this.commandTimeout = commandTimeout;
        this.home = home;
        this.localUser = localUser;
    }

    /** For the current user: {@code ~/.ssh} and the name the JVM runs as. */
    public static SshTargets forCurrentUser(SshConfig config, Optional<Path> knownHosts, HostKeyPolicy hostKeyPolicy,
            Optional<Duration> connectTimeout, Duration commandTimeout) {
        return new SshTargets(config, knownHosts, hostKeyPolicy, connectTimeout, commandTimeout,
                Path.of(System.getProperty("user.home")), System.getProperty("user.name"));
    }

    /**
     * The target for {@code alias} (an address or a name to look up in the ssh config).
     *
     * @param identityFiles the caller's keys; when given, they are offered alone and the config's are not read
     * @throws SshConfigException if the config gives a value this host cannot use, e.g. a HostName that is no host
     */
    public SshTarget resolve(String alias, OptionalInt port, Optional<String> user, List<Path> identityFiles) {
        return resolve(alias, port, user, identityFiles, 0);
    }

    /** The options set for {@code alias} and its jump hosts that rootfleet does not honour, each once. */
    public Set<String> notHonoured(String alias) {
        Set<String> found = new LinkedHashSet<>();
        collectNotHonoured(alias, found, 0);
        return found;
    }

    private void collectNotHonoured(String alias, Set<String> found, int depth) {
        HostOptions options = config.lookup(alias, Optional.empty());
        found.addAll(options.notHonoured());
        if (depth < SshTarget.MAX_JUMPS) {
            options.proxyJump().filter(jump -> !jump.equalsIgnoreCase("none")).ifPresent(jump ->
                    JumpHosts.parse(jump, config.source()).forEach(hop -> collectNotHonoured(hop.host(), found, depth + 1)));
        }
    }

    private SshTarget resolve(String alias, OptionalInt port, Optional<String> user, List<Path> identityFiles, int depth) {
        HostOptions options = config.lookup(alias, user);
        String hostName = options.hostName().map(name -> expand(name, alias, alias, "", 0)).orElse(alias);
        int finalPort = port.isPresent() ? port.getAsInt() : options.port().orElse(SshTarget.DEFAULT_PORT);
        String finalUser = user.or(options::user).orElse(SshTarget.DEFAULT_USER);
        List<Path> keys = identityFiles;
        boolean identitiesOnly = true;
        if (identityFiles.isEmpty()) {
            // as OpenSSH: an IdentityFile that does not exist is skipped, not an error
            keys = options.identityFiles().stream()
                    .map(file -> Path.of(expand(file, hostName, alias, finalUser, finalPort)))
                    .filter(Files::exists)
                    .toList();
            identitiesOnly = options.identitiesOnly().orElse(false);
        }
        Path pins = knownHosts
                .or(() -> options.userKnownHostsFile().map(file -> Path.of(expand(file, hostName, alias, finalUser, finalPort))))
                .orElse(home.resolve(".ssh").resolve("known_hosts"));
        Duration keepAlive = options.serverAliveInterval().orElse(SshTarget.DEFAULT_KEEPALIVE);
        int probes = options.serverAliveCountMax().orElse(SshTarget.DEFAULT_KEEPALIVE_PROBES);
        Optional<SshTarget> via = Optional.empty();
        Optional<String> jump = options.proxyJump().filter(value -> !value.equalsIgnoreCase("none"));
        if (jump.isPresent()) {
            if (depth >= SshTarget.MAX_JUMPS) {
                throw new SshConfigException(config.source() + ": more than " + SshTarget.MAX_JUMPS + " jump hosts"
                        + " lead to " + alias + "; check for jump hosts whose ProxyJump leads back to each other");
            }
            via = Optional.of(chain(JumpHosts.parse(jump.get(), config.source()), depth));
        }
        try {
            return new SshTarget(hostName, finalPort, finalUser, keys, pins, hostKeyPolicy,
                    connectTimeout.or(options::connectTimeout).orElse(SshTarget.DEFAULT_CONNECT_TIMEOUT),
                    commandTimeout, identitiesOnly, keepAlive, Math.max(1, probes), via);
        } catch (IllegalArgumentException e) {
            throw new SshConfigException(config.source() + ": host " + alias + ": " + e.getMessage());
        }
    }

    /**
     * {@code ssh -J a,b}: a is reached directly (or as its own config says), b through a, and the host through
     * b. A later hop's own ProxyJump is not used, as with ssh.
     */
    private SshTarget chain(List<JumpHosts.Hop> hops, int depth) {
        SshTarget previous = null;
        for (JumpHosts.Hop hop : hops) {
            SshTarget target = resolve(hop.host(), hop.port(), hop.user(), List.of(), depth + 1);
            previous = previous == null ? target : target.withVia(Optional.of(previous));
        }
        return previous;
    }

    /** ssh_config's tokens: ~ at the start, %d %h %n %p %r %u %%; others stay as written. */
    String expand(String text, String hostName, String alias, String remoteUser, int port) {
        String value = text.startsWith("~/") ? home + text.substring(1) : text;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%' || i + 1 == value.length()) {
                out.append(c);
                continue;
            }
            char token = value.charAt(++i);
            switch (token) {
                case 'd' -> out.append(home);
                case 'h' -> out.append(hostName);
                case 'n' -> out.append(alias);
                case 'p' -> out.append(port);
                case 'r' -> out.append(remoteUser);
                case 'u' -> out.append(localUser);
                case '%' -> out.append('%');
                default -> out.append('%').append(token);
            }
        }
        return out.toString();
    }

    /** Reads the user's own {@code ~/.ssh/config}, or the file given; {@code none} reads nothing (ssh -F none). */
    public static SshConfig config(Optional<String> given) {
        if (given.isPresent() && given.get().equals("none")) {
            return SshConfig.NONE;
        }
        Path file = given.map(Path::of).orElse(Path.of(System.getProperty("user.home"), ".ssh", "config"));
        if (given.isPresent() && !Files.isRegularFile(file)) {
            throw new SshConfigException(file + ": no such file; check the path given to --ssh-config");
        }
        return SshConfig.readIfExists(file);
    }
}
