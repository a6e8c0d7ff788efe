package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ML-KEM hybrid is dropped from the offered key exchanges once per run when this JVM cannot do it. */
class SshClientKexTest {
    @Test
    void withoutKex_dropsOnlyThatExactName() {
        assertThat(SshClient.withoutKex(
                        "mlkem768x25519-sha256,curve25519-sha256,mlkem768x25519-sha256-x,ecdh-sha2-nistp256",
                        SshClient.MLKEM_KEX))
                .isEqualTo("curve25519-sha256,mlkem768x25519-sha256-x,ecdh-sha2-nistp256");
    }

    @Test
    void mlkem_isAvailableOnlyFromJava24_withoutBouncyCastle() {
        // JSch's ML-KEM comes from the JDK (24 and later) or Bouncy Castle, which the controller does not ship
        assertThat(SshClient.mlkemAvailable()).isEqualTo(Runtime.version().feature() >= 24);
    }
}
