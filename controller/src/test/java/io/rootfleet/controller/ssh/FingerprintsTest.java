package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
    private static final byte[] KEY = Base64.getDecoder()
            .decode("AAAAC3NzaC1lZDI1NTE5AAAAIHlXGDsTRaJQf54fyD7ajVwR5AVUyWOd1gdN1ORB0gE0");

    @Test
    void of_matchesSshKeygen() {
        // ssh-keygen -l -E sha256 prints this for the key above
        assertThat(Fingerprints.of(KEY)).isEqualTo("SHA256:5pqXp82/hjLs/BZHHBLi72lAP/sZwRh+6PB449MNaNQ");
    }

    @Test
    void keyType_readsTheBlobsFirstField() {
        assertThat(Fingerprints.keyType(KEY)).isEqualTo("ssh-ed25519");
        assertThat(Fingerprints.keyType(new byte[] {0, 0, 0, 9, 'x'})).isEqualTo("unknown");
        assertThat(Fingerprints.keyType(new byte[0])).isEqualTo("unknown");
    }
}
