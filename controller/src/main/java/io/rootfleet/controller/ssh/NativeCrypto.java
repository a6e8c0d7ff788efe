package io.rootfleet.controller.ssh;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;

/**
 * Puts the Amazon Corretto Crypto Provider (native AWS-LC, bundled for Linux x86_64) first among Java's security
 * providers, so JSch's Ed25519 signatures and verifications, SHA-2, HMAC and AES-GCM run natively: Java's own
 * Ed25519 costs the controller about 12 ms of CPU per host (sign + verify, a cold JVM), the native one well under
 * 1 ms. X25519 key exchange stays Java's (the provider has no XDH); the algorithms negotiated do not change.
 *
 * <p>Only the controller installs it, once, at start. Where the native library cannot load (another CPU or
 * libc), nothing is installed and Java's providers serve everything, silently: the same algorithms, slower.
 * {@code -Drootfleet.nativeCrypto=false} keeps Java's providers.
 */
public final class NativeCrypto {
    /** The system property that, set to {@code false}, keeps Java's own providers. */
    public static final String PROPERTY = "rootfleet.nativeCrypto";

    private NativeCrypto() {}

    /**
     * Installs the native provider at position 1, unless {@link #PROPERTY} is {@code false}, it is installed
     * already, or it cannot load here.
     *
     * @return the provider now first, if it is the native one
     */
    public static synchronized Optional<Provider> install() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) {
            return Optional.empty();
        }
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() != null) {
                return Optional.empty();
            }
            Provider[] installed = Security.getProviders();
            if (installed.length == 0 || installed[0] != provider) {
                Security.removeProvider(provider.getName());
                Security.insertProviderAt(provider, 1);
            }
            return Optional.of(provider);
        } catch (LinkageError | RuntimeException e) {
            // no native library for this platform, or a JVM that refuses it: Java's providers stay
            return Optional.empty();
        }
    }
}
