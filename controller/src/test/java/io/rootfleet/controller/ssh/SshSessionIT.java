package io.rootfleet.controller.ssh;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link RemoteHost} contract against a real OpenSSH sshd. */
class SshSessionIT extends RemoteHostContract {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(1);

    private static SshSession session;

    @BeforeAll
    static void connect() {
        session = new SshClient().connect(SSHD.harness().target(0));
    }

    @AfterAll
    static void disconnect() {
        if (session != null) {
            session.close();
        }
    }

    @Override
    protected RemoteHost host() {
        return session;
    }

    @Override
    protected Path sharedDirectory(String name) {
        return SSHD.harness().newDirectory(name);
    }
}
