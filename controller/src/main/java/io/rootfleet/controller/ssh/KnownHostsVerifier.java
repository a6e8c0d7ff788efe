package io.rootfleet.controller.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Verifies the host key of one connection against a known_hosts file, under the target's {@link HostKeyPolicy}.
 *
 * <p>JSch runs with {@code StrictHostKeyChecking=yes} and asks this repository. A refused key is thrown from
 * {@link #check} as a {@link HostKeyException} with the message for the user (JSch rethrows runtime exceptions
 * from {@code connect} unchanged). Trust on first use happens here too, by appending one line: JSch's own
 * writer rewrites the whole file from its memory and would lose keys that parallel connections added meanwhile.
 */
final class KnownHostsVerifier implements HostKeyRepository {
    /** Appends within this JVM; the file lock covers other processes (it cannot be held twice by one JVM). */
    private static final Object APPEND_LOCK = new Object();

    private final SshTarget target;
    private final HostKeyRepository pinned;

    /** @param files where the known_hosts files already parsed for other connections are */
    KnownHostsVerifier(SshTarget target, KnownHostsFiles files) {
        this.target = target;
        this.pinned = files.keys(target.knownHosts());
    }

    @Override
    public int check(String host, byte[] key) {
        int status = pinned.check(host, key);
        refuseIfPinnedWithAnotherType(host, key, status, pinned);
        if (status == NOT_INCLUDED && target.hostKeyPolicy() == HostKeyPolicy.ACCEPT_NEW) {
            status = addIfStillUnknown(host, key);
        }
        if (status == NOT_INCLUDED) {
            throw new UnknownHostKeyException(unknownKeyMessage(key));
        }
        if (status == CHANGED) {
            throw new ChangedHostKeyException(changedKeyMessage(host, key, pinned));
        }
        return status;
    }

    /** Under the lock, re-reads the file: another connection may have pinned this host since it was loaded. */
    private int addIfStillUnknown(String host, byte[] key) {
        Path file = target.knownHosts();
        synchronized (APPEND_LOCK) {
            try {
                createParentDirectory(file);
                try (FileChannel channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    channel.lock(); // released when the channel closes
                    HostKeyRepository current = parse(file);
                    int status = current.check(host, key);
                    refuseIfPinnedWithAnotherType(host, key, status, current);
                    if (status == NOT_INCLUDED) {
                        channel.write(ByteBuffer.wrap(lineFor(host, key, channel).getBytes(StandardCharsets.UTF_8)),
                                channel.size());
                        channel.force(false);
                        return OK;
                    }
                    if (status == CHANGED) {
                        throw new ChangedHostKeyException(changedKeyMessage(host, key, current));
                    }
                    return status;
                }
            } catch (IOException e) {
                throw new HostKeyException(
                        "cannot add the host key of " + target.hostAndPort() + " to " + file + ": " + e.getMessage()
                                + "; check that the file and its directory are writable",
                        e);
            }
        }
    }

    /**
     * JSch compares keys of the offered type only, so a host pinned with an ed25519 key that now offers only
     * ECDSA looks "not included": trusting it as new would let a man in the middle past the pin by offering
     * another algorithm. A host pinned with any key accepts only its pinned keys.
     */
    private void refuseIfPinnedWithAnotherType(String host, byte[] key, int status, HostKeyRepository known) {
        if (status != NOT_INCLUDED) {
            return;
        }
        List<HostKey> pins = Arrays.stream(known.getHostKey(host, null))
                .filter(pin -> pin.getMarker() == null || pin.getMarker().isEmpty()) // @revoked lines pin nothing
                .toList();
        if (!pins.isEmpty()) {
            throw new ChangedHostKeyException(otherTypeMessage(host, key, pins));
        }
    }

    private String otherTypeMessage(String host, byte[] key, List<HostKey> pins) {
        String pinnedKeys = pins.stream()
                .map(pin -> pin.getType() + " key " + Fingerprints.of(Base64.getDecoder().decode(pin.getKey())))
                .collect(Collectors.joining(", "));
        List<String> removeOld = List.of("ssh-keygen", "-R", host, "-f", target.knownHosts().toString());
        return "host key of " + target.hostAndPort() + " has CHANGED: " + target.knownHosts() + " pins " + pinnedKeys
                + " but the host presented only " + Fingerprints.keyType(key) + " key " + Fingerprints.of(key)
                + ". A host pinned with one key type that now offers another is treated as a changed key: this is a"
                + " possible man-in-the-middle attack, or the host was reinstalled; refusing to connect"
                + " (--trust-new-hosts does not override this). If you have verified the new key, remove the old"
                + " one (" + ShellQuoting.display(removeOld) + ") and connect again";
    }

    private static String lineFor(String host, byte[] key, FileChannel channel) throws IOException {
        String line = host + " " + Fingerprints.keyType(key) + " " + Base64.getEncoder().encodeToString(key) + "\n";
        return endsWithNewline(channel) ? line : "\n" + line;
    }

    private static boolean endsWithNewline(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return true;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    private static void createParentDirectory(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(
                    parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private String unknownKeyMessage(byte[] key) {
        List<String> keyscan = target.port() == SshTarget.DEFAULT_PORT
                ? List.of("ssh-keyscan", target.address())
                : List.of("ssh-keyscan", "-p", String.valueOf(target.port()), target.address());
        return "host key of " + target.hostAndPort() + " is not in " + target.knownHosts() + " (it presented "
                + Fingerprints.keyType(key) + " key " + Fingerprints.of(key) + "); verify it and add it ("
                + ShellQuoting.display(keyscan) + " >> " + ShellQuoting.display(List.of(target.knownHosts().toString()))
                + "), or run with --trust-new-hosts";
    }

    private String changedKeyMessage(String host, byte[] key, HostKeyRepository known) {
        String type = Fingerprints.keyType(key);
        String pinnedFingerprints = Arrays.stream(known.getHostKey(host, type))
                .map(pinnedKey -> Fingerprints.of(Base64.getDecoder().decode(pinnedKey.getKey())))
                .collect(Collectors.joining(", "));
        List<String> removeOld = List.of("ssh-keygen", "-R", host, "-f", target.knownHosts().toString());
        return "host key of " + target.hostAndPort() + " has CHANGED: " + target.knownHosts() + " pins " + type
                + " key " + pinnedFingerprints + " but the host presented " + Fingerprints.of(key)
                + ". This is a possible man-in-the-middle attack, or the host was reinstalled; refusing to connect"
                + " (--trust-new-hosts does not override this). If you have verified the new key, remove the old"
                + " one (" + ShellQuoting.display(removeOld) + ") and connect again";
    }

    static HostKeyRepository parse(Path file) {
        JSch parser = new JSch();
        try {
            if (Files.exists(file)) {
                parser.setKnownHosts(file.toString());
            }
        } catch (JSchException e) {
            throw new HostKeyException("cannot read " + file + ": " + e.getMessage()
                    + "; check that it is a readable known_hosts file", e);
        }
        return parser.getHostKeyRepository();
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        throw new UnsupportedOperationException("with StrictHostKeyChecking=yes JSch never adds keys itself");
    }

    @Override
    public void remove(String host, String type) {
        throw new UnsupportedOperationException("rootfleet never removes pinned host keys");
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        throw new UnsupportedOperationException("rootfleet never removes pinned host keys");
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return target.knownHosts().toString();
    }

    @Override
    public HostKey[] getHostKey() {
        return pinned.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return pinned.getHostKey(host, type);
    }
}
