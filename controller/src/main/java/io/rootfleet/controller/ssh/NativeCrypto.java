package io.rootfleet.controller.ssh;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.crypto.KeyAgreement;

/**
 * Puts the Amazon Corretto Crypto Provider (native AWS-LC, bundled for Linux x86_64) first among Java's security
 * providers, so JSch's Ed25519 signatures and verifications, SHA-2, HMAC and AES-GCM run natively: Java's own
 * Ed25519 costs the controller about 12 ms of CPU per host (sign + verify, a cold JVM), the native one well under
 * 1 ms. X25519 key exchange stays Java's (the provider has no XDH); the algorithms negotiated do not change.
 *
 * <p>Only the controller installs it, once, at start, on a thread of its own ({@link #installInBackground()}),
 * and every connection waits for it ({@link #awaitInstall()}). Where the native library cannot load (another CPU or
 * libc), nothing is installed and Java's providers serve everything, silently: the same algorithms, slower.
 * {@code -Drootfleet.nativeCrypto=false} keeps Java's providers.
 */
public final class NativeCrypto {
    /** The system property that, set to {@code false}, keeps Java's own providers. */
    public static final String PROPERTY = "rootfleet.nativeCrypto";

    /** Done when no install is under way: at once, unless {@link #installInBackground()} started one. */
    private static volatile CompletableFuture<Void> installing = CompletableFuture.completedFuture(null);

    private NativeCrypto() {}

    /**
     * Starts {@link #install()} on a daemon thread and returns at once: loading the native library costs about
     * 0.2 s, which then overlaps the CLI's start and the reading of the playbook. The same thread then makes a few
     * X25519 key exchanges, so that the curve's arithmetic is compiled before the hosts connect: a hundred
     * connections that all begin at once otherwise run it interpreted, at about 4 ms of CPU each (2 ms after).
     */
    public static synchronized void installInBackground() {
        if (!installing.isDone()) {
            return;
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        installing = started;
        Thread thread = new Thread(() -> {
            try {
                install();
            } finally {
                started.complete(null);
            }
            warmUpKeyExchange();
        }, "native crypto install");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until an install {@link #installInBackground()} started is over; connections call it first. */
    static void awaitInstall() {
        installing.join();
    }

    private static void warmUpKeyExchange() {
        try {
            for (int i = 0; i < 3; i++) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
                KeyPair ours = generator.generateKeyPair();
                KeyAgreement agreement = KeyAgreement.getInstance("X25519");
                agreement.init(ours.getPrivate());
                agreement.doPhase(generator.generateKeyPair().getPublic(), true);
                agreement.generateSecret();
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // only a warm-up: a JVM without X25519 negotiates another key exchange
        }
    }

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
