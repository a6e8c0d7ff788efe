package io.rootfleet.controller.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the private keys to offer a host: the target's identity files (with ssh-agent's keys first unless
 * {@code identitiesOnly}), or else the keys of ssh-agent and the default key files in {@code ~/.ssh}, the way
 * OpenSSH does. Each key file is read and parsed once per client, not once per host.
 */
final class SshKeys {
    static final List<String> DEFAULT_KEY_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final Optional<Path> agentSocket;
    private final Path home;
    private final Map<Path, Identity> loaded = new ConcurrentHashMap<>();
    private final Map<List<Path>, Offered> explicitOffers = new ConcurrentHashMap<>();

    SshKeys(Optional<Path> agentSocket, Path home) {
        this.agentSocket = agentSocket;
        this.home = home;
    }

    /** Keys to offer, and a description of where they came from for messages. */
    record Offered(IdentityRepository repository, String description) {}

    Offered forTarget(SshTarget target) {
        if (target.identityFiles().isEmpty()) {
            return defaults(target);
        }
        Offered files = explicitOffers.computeIfAbsent(target.identityFiles(), list -> explicit(target));
        if (target.identitiesOnly() || agentSocket.isEmpty()) {
            return files;
        }
        Path socket = agentSocket.get();
        return new Offered(new CombinedIdentityRepository(List.of(agent(socket, target), files.repository())),
                "ssh-agent at " + socket + ", " + files.description());
    }

    private Offered explicit(SshTarget target) {
        JSch keys = new JSch();
        for (Path file : target.identityFiles()) {
            if (!Files.isReadable(file)) {
                throw new AuthenticationException("identity file " + file + " for " + target
                        + " does not exist or is not readable; check the host's identityFile");
            }
            Identity key = load(file, target);
            if (key.isEncrypted()) {
                throw new AuthenticationException("identity file " + file + " is protected by a passphrase, which"
                        + " rootfleet cannot ask for; load it into ssh-agent (ssh-add " + file + ") and remove the"
                        + " host's identityFile, so that the agent's keys are used");
            }
            add(keys, key, file, target);
        }
        return new Offered(keys.getIdentityRepository(), describe(target.identityFiles()));
    }

    private Offered defaults(SshTarget target) {
        List<IdentityRepository> sources = new ArrayList<>();
        List<String> description = new ArrayList<>();
        agentSocket.ifPresent(socket -> {
            sources.add(agent(socket, target));
            description.add("ssh-agent at " + socket);
        });
        JSch files = new JSch();
        List<Path> found = new ArrayList<>();
        for (Path file : defaultKeyFiles()) {
            if (Files.isReadable(file)) {
                Identity key = load(file, target);
                if (key.isEncrypted()) {
                    description.add(file + " (skipped: protected by a passphrase; load it into ssh-agent)");
                } else {
                    add(files, key, file, target);
                    found.add(file);
                }
            }
        }
        if (!found.isEmpty()) {
            sources.add(files.getIdentityRepository());
            description.add(describe(found));
        }
        if (sources.isEmpty()) {
            throw new AuthenticationException("no SSH key to log in to " + target + ": no identityFile is set,"
                    + " SSH_AUTH_SOCK is not set and none of " + describe(defaultKeyFiles()) + " is usable; create a"
                    + " key (ssh-keygen -t ed25519), start ssh-agent, or set the host's identityFile");
        }
        return new Offered(new CombinedIdentityRepository(sources), String.join(", ", description));
    }

    private List<Path> defaultKeyFiles() {
        return DEFAULT_KEY_FILES.stream().map(name -> home.resolve(".ssh").resolve(name)).toList();
    }

    private static IdentityRepository agent(Path socket, SshTarget target) {
        try {
            return new AgentIdentityRepository(new SSHAgentConnector(new UnixDomainSocketFactory(), socket));
        } catch (AgentProxyException e) {
            throw new AuthenticationException("cannot use ssh-agent at " + socket + " to log in to " + target + ": "
                    + e.getMessage() + "; check SSH_AUTH_SOCK", e);
        }
    }

    private Identity load(Path file, SshTarget target) {
        Identity key = loaded.get(file);
        if (key == null) {
            key = parse(file, target);
            loaded.putIfAbsent(file, key);
        }
        return key;
    }

    private static Identity parse(Path file, SshTarget target) {
        JSch loader = new JSch();
        try {
            loader.addIdentity(file.toString());
        } catch (JSchException e) {
            throw new AuthenticationException("cannot use " + file + " as SSH key for " + target + ": "
                    + e.getMessage() + "; give an OpenSSH, PEM or PuTTY private key file", e);
        }
        return loader.getIdentityRepository().getIdentities().get(0);
    }

    private static void add(JSch keys, Identity key, Path file, SshTarget target) {
        try {
            keys.addIdentity(key, null);
        } catch (JSchException e) {
            throw new AuthenticationException(
                    "cannot use " + file + " as SSH key for " + target + ": " + e.getMessage(), e);
        }
    }

    private static String describe(List<Path> files) {
        return String.join(", ", files.stream().map(Path::toString).toList());
    }
}
