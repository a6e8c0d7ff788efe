package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link RemoteHost} contract against a real OpenSSH sshd with the native crypto provider first, as the
 * controller runs (the other SSH ITs run with Java's providers); removed again afterwards.
 */
class NativeCryptoIT extends RemoteHostContract {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(1);

    private static Provider provider;
    private static SshSession session;

    @BeforeAll
    static void connect() {
        provider = NativeCrypto.install().orElseThrow(() -> new AssertionError("the native provider did not load"));
        session = new SshClient().connect(SSHD.harness().target(0));
    }

    @AfterAll
    static void disconnect() {
        if (session != null) {
            session.close();
        }
        Security.removeProvider("AmazonCorrettoCryptoProvider");
    }

    @Override
    protected RemoteHost host() {
        return session;
    }

    @Override
    protected Path sharedDirectory(String name) {
        return SSHD.harness().newDirectory(name);
    }

    @Test
    void ed25519_isServedByTheNativeProvider() throws Exception {
        assertThat(Signature.getInstance("Ed25519").getProvider()).isSameAs(provider);
    }
}
