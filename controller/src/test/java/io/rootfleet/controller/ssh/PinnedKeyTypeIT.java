package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row f of the threat model: JSch compares only keys of the type the server offers, so a man in the middle
 * that offers another algorithm than the pinned one used to look like a new host and, with
 * --trust-new-hosts, was appended. Against a real sshd: known_hosts pins the host with one key type, the
 * server offers only another; every policy refuses and known_hosts is not touched.
 */
class PinnedKeyTypeIT {
    @RegisterExtension
    final SshdExtension sshd = new SshdExtension(1);

    @TempDir(factory = ScratchDirectories.class)
    Path scratch;

    private final SshClient client = new SshClient();

    @Test
    void hostPinnedWithAnotherKeyType_isRefusedByEveryPolicy() throws IOException {
        SshdHost host = sshd.harness().host(0);
        // The harness's sshd offers only ed25519; pin an ECDSA key for the same host and port.
        Path ecdsa = scratch.resolve("pinned_ecdsa");
        LocalCommand.run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", ecdsa.toString()));
        String[] pinnedKey = Files.readString(Path.of(ecdsa + ".pub")).split(" ");
        String pinnedFingerprint = LocalCommand.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", ecdsa + ".pub"))
                .split(" ")[1];
        Path knownHosts = scratch.resolve("known_hosts");
        String hostPattern = "[" + host.address() + "]:" + host.port();
        Files.writeString(knownHosts, hostPattern + " " + pinnedKey[0] + " " + pinnedKey[1] + "\n");
        byte[] before = Files.readAllBytes(knownHosts);
        String expected = "host key of " + host.address() + ":" + host.port() + " has CHANGED: " + knownHosts
                + " pins ecdsa-sha2-nistp256 key " + pinnedFingerprint + " but the host presented only ssh-ed25519 key "
                + host.hostKeyFingerprint() + ". A host pinned with one key type that now offers another is treated as"
                + " a changed key: this is a possible man-in-the-middle attack, or the host was reinstalled; refusing"
                + " to connect (--trust-new-hosts does not override this). If you have verified the new key, remove"
                + " the old one (ssh-keygen -R '" + hostPattern + "' -f " + knownHosts + ") and connect again";

        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            assertThatThrownBy(() -> client.connect(
                            sshd.harness().target(0).withKnownHosts(knownHosts).withHostKeyPolicy(policy)))
                    .as("policy %s", policy)
                    .isInstanceOf(ChangedHostKeyException.class)
                    .hasMessage(expected);
        }
        assertThat(Files.readAllBytes(knownHosts)).isEqualTo(before);
    }

    @Test
    void hostPinnedWithEd25519_offeringOnlyEcdsa_isRefusedByEveryPolicy() throws IOException {
        SshdHost host = sshd.harness().host(0);
        Path knownHosts = sshd.harness().knownHosts(); // the harness pins each host's ed25519 key
        String pinned = host.hostKeyFingerprint();
        // The man in the middle: the same address and port now serve only an ECDSA key. The harness keeps
        // host 0's key beside known_hosts; sshd reads the key type from the file, not from its name.
        Path keyFile = knownHosts.resolveSibling("host-0").resolve("ssh_host_ed25519_key");
        host.stop();
        Files.delete(keyFile);
        Files.delete(Path.of(keyFile + ".pub"));
        LocalCommand.run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", keyFile.toString()));
        host.start();
        String offered = host.hostKeyFingerprint();
        byte[] before = Files.readAllBytes(knownHosts);
        String hostPattern = "[" + host.address() + "]:" + host.port();

        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            assertThatThrownBy(() -> client.connect(sshd.harness().target(0).withHostKeyPolicy(policy)))
                    .as("policy %s", policy)
                    .isInstanceOf(ChangedHostKeyException.class)
                    .hasMessageStartingWith("host key of " + host.address() + ":" + host.port() + " has CHANGED: "
                            + knownHosts + " pins ssh-ed25519 key " + pinned + " but the host presented only"
                            + " ecdsa-sha2-nistp256 key " + offered + ".")
                    .hasMessageContaining("(ssh-keygen -R '" + hostPattern + "' -f " + knownHosts + ")");
        }
        assertThat(Files.readAllBytes(knownHosts)).isEqualTo(before);
    }
}
