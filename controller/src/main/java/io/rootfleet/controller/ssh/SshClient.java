package io.rootfleet.controller.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KEM;
import com.jcraft.jsch.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

/**
 * Opens SSH sessions with JSch: key authentication only, host keys verified against known_hosts, no
 * forwarding. Every setting is made per session (never through JSch's static configuration), so sessions to
 * different targets cannot affect each other. Thread-safe: one client can connect to many hosts in parallel.
 */
public final class SshClient {
    private final SshKeys keys;
    private final KnownHostsFiles knownHosts = new KnownHostsFiles();

    /** A client for the current user: ssh-agent from {@code SSH_AUTH_SOCK}, default keys from {@code ~/.ssh}. */
    public SshClient() {
        this(
                Optional.ofNullable(System.getenv("SSH_AUTH_SOCK"))
                        .filter(socket -> !socket.isBlank())
                        .map(Path::of),
                Path.of(System.getProperty("user.home")));
    }

    /**
     * @param agentSocket the ssh-agent socket to take keys from, if any
     * @param home the home directory whose {@code .ssh/id_*} files are the default keys
     */
    public SshClient(Optional<Path> agentSocket, Path home) {
        this.keys = new SshKeys(agentSocket, home);
    }

    /**
     * Connects and logs in.
     *
     * @throws HostUnreachableException if the host cannot be reached (refused, timed out, no route, unknown name)
     * @throws HostKeyException if its host key is unknown (under STRICT) or has changed
     * @throws AuthenticationException if no key is usable or the host accepts none of them
     */
    public SshSession connect(SshTarget target) {
        NativeCrypto.awaitInstall();
        List<Session> hops = new ArrayList<>();
        try {
            Session jump = null;
            for (SshTarget hop : chain(target.via())) {
                jump = open(hop, jump);
                hops.add(jump);
            }
            return new SshSession(target, open(target, jump), hops);
        } catch (RuntimeException e) {
            hops.forEach(Session::disconnect);
            throw e;
        }
    }

    /** The jump hosts in the order they are connected to: the one reached directly first. */
    private static List<SshTarget> chain(Optional<SshTarget> via) {
        List<SshTarget> chain = new ArrayList<>();
        for (Optional<SshTarget> hop = via; hop.isPresent(); hop = hop.get().via()) {
            chain.add(0, hop.get());
        }
        return chain;
    }

    /** Connects and logs in to {@code target}, directly or through {@code jump}'s session. */
    private Session open(SshTarget target, Session jump) {
        SshKeys.Offered offered = keys.forTarget(target);
        JSch jsch = new JSch();
        jsch.setHostKeyRepository(new KnownHostsVerifier(target, knownHosts));
        Session session;
        try {
            session = jsch.getSession(target.user(), target.address(), target.port());
            session.setConfig(sessionConfig());
            session.setIdentityRepository(offered.repository());
            session.setServerAliveInterval((int) target.keepAlive().toMillis());
            session.setServerAliveCountMax(target.keepAliveProbes());
            session.setDaemonThread(true);
            if (jump != null) {
                session.setProxy(new JumpChannelProxy(jump));
            }
        } catch (JSchException e) {
            throw ConnectFailures.translate(target, offered.description(), e);
        }
        connectWithin(target, session, offered.description());
        return session;
    }

    /**
     * JSch's timeout bounds the TCP connect and each read of the handshake, not the handshake as a whole; the
     * watchdog makes the connect timeout a deadline even for a host that keeps talking without finishing it.
     */
    private static void connectWithin(SshTarget target, Session session, String keysOffered) {
        Watchdog watchdog = Watchdog.after(target.connectTimeout(), "ssh connect " + target, session::disconnect);
        try {
            session.connect((int) target.connectTimeout().toMillis());
        } catch (JSchException e) {
            throw watchdog.fired()
                    ? ConnectFailures.timedOut(target, e)
                    : ConnectFailures.translate(target, keysOffered, e);
        } catch (RuntimeException e) {
            // a session the watchdog closed mid-handshake may fail inside JSch (its I/O is gone): a timeout all the same
            if (watchdog.fired() && !(e instanceof RemoteHostException)) {
                throw ConnectFailures.timedOut(target, e);
            }
            throw e;
        } finally {
            watchdog.close();
        }
        if (watchdog.fired()) {
            session.disconnect();
            throw ConnectFailures.timedOut(target, null);
        }
    }

    private static Hashtable<String, String> sessionConfig() {
        Hashtable<String, String> config = new Hashtable<>();
        // Policy lives in KnownHostsVerifier (which also does accept-new); JSch must only ask it.
        config.put("StrictHostKeyChecking", "yes");
        config.put("HashKnownHosts", "no");
        // Negotiate the key type known_hosts pins, else a host with several keys may present an unpinned one.
        config.put("prefer_known_host_key_types", "yes");
        config.put("PreferredAuthentications", "publickey");
        // JSch tests every algorithm of these lists on every connect, by making throwaway keys (X25519, X448...):
        // the largest CPU cost of a connection. Java 17 has X25519, X448 and EdDSA, so only the ML-KEM hybrid
        // (newer JDKs) needs the test, and that is made once per run (MLKEM_KEX) rather than once per host, where
        // it failed with three exceptions each time; chacha20-poly1305 is not among the ciphers offered.
        KEX_WITHOUT_MLKEM.ifPresent(kex -> config.put("kex", kex));
        config.put("CheckKexes", "");
        config.put("CheckSignatures", "");
        config.put("CheckCiphers", "");
        return config;
    }

    static final String MLKEM_KEX = "mlkem768x25519-sha256";

    /** JSch's key exchanges less the ML-KEM hybrid, when this JVM lacks ML-KEM; decided once per run. */
    private static final Optional<String> KEX_WITHOUT_MLKEM =
            mlkemAvailable() ? Optional.empty() : Optional.of(withoutKex(JSch.getConfig("kex"), MLKEM_KEX));

    /** What JSch's own check of the hybrid does first: make and initialise its ML-KEM (Java 24+, or Bouncy Castle). */
    static boolean mlkemAvailable() {
        try {
            Class<? extends KEM> kem = Class.forName(JSch.getConfig("mlkem768")).asSubclass(KEM.class);
            kem.getDeclaredConstructor().newInstance().init();
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    static String withoutKex(String kexes, String dropped) {
        return String.join(",", Arrays.stream(kexes.split(",")).filter(kex -> !kex.equals(dropped)).toList());
    }
}
