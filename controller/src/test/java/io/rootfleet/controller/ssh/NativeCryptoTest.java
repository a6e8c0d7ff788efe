package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The native provider installs first, verifies what Java signs and refuses what was tampered with. */
@Isolated // installs and removes a JVM-wide security provider, which every other test's crypto would use
class NativeCryptoTest {
    private static final byte[] MESSAGE = "exchange hash".getBytes(StandardCharsets.US_ASCII);

    @AfterEach
    void uninstall() {
        System.clearProperty(NativeCrypto.PROPERTY);
        Security.removeProvider("AmazonCorrettoCryptoProvider");
    }

    @Test
    void install_putsTheNativeProviderFirst_onceOnly() throws Exception {
        Provider provider = NativeCrypto.install().orElseThrow();
        NativeCrypto.install();

        assertThat(Security.getProviders()[0]).isSameAs(provider);
        assertThat(Security.getProviders()).filteredOn(p -> p == provider).hasSize(1);
        assertThat(Signature.getInstance("Ed25519").getProvider()).isSameAs(provider);
    }

    @Test
    void installInBackground_isDoneForWhoeverAwaitsIt() throws Exception {
        NativeCrypto.installInBackground();
        NativeCrypto.awaitInstall();

        assertThat(Security.getProviders()[0].getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(Signature.getInstance("Ed25519").getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
    }

    @Test
    void nativeEd25519_verifiesJavasSignatures_andRefusesTamperedOnes() throws Exception {
        Provider provider = NativeCrypto.install().orElseThrow();
        // a key and signature made by Java's own provider, as OpenSSH's would be made elsewhere
        KeyPair key = KeyPairGenerator.getInstance("Ed25519", "SunEC").generateKeyPair();
        Signature signer = Signature.getInstance("Ed25519", "SunEC");
        signer.initSign(key.getPrivate());
        signer.update(MESSAGE);
        byte[] signature = signer.sign();

        assertThat(verify(provider, key, signature, MESSAGE)).isTrue();
        byte[] tampered = signature.clone();
        tampered[10] ^= 1;
        assertThat(verify(provider, key, tampered, MESSAGE)).isFalse();
        byte[] otherMessage = MESSAGE.clone();
        otherMessage[0] ^= 1;
        assertThat(verify(provider, key, signature, otherMessage)).isFalse();
    }

    @Test
    void propertyFalse_keepsJavasProviders() throws Exception {
        System.setProperty(NativeCrypto.PROPERTY, "false");

        assertThat(NativeCrypto.install()).isEmpty();
        assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
        assertThat(Signature.getInstance("Ed25519").getProvider().getName()).isEqualTo("SunEC");
    }

    private static boolean verify(Provider provider, KeyPair key, byte[] signature, byte[] message) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519", provider);
        verifier.initVerify(key.getPublic());
        verifier.update(message);
        try {
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }
}
