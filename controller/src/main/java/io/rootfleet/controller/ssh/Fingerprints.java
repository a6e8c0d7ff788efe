package io.rootfleet.controller.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Public key fingerprints as OpenSSH prints them. */
final class Fingerprints {
    private Fingerprints() {}

    /** {@code SHA256:...} of a public key blob, as {@code ssh-keygen -l} and {@code ssh} show it. */
    static String of(byte[] publicKeyBlob) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256().digest(publicKeyBlob));
    }

    /** The key type a public key blob names in its first field, e.g. {@code ssh-ed25519}. */
    static String keyType(byte[] publicKeyBlob) {
        ByteBuffer blob = ByteBuffer.wrap(publicKeyBlob);
        if (blob.remaining() < 4) {
            return "unknown";
        }
        int length = blob.getInt();
        if (length < 0 || length > blob.remaining()) {
            return "unknown";
        }
        return new String(publicKeyBlob, 4, length, StandardCharsets.US_ASCII);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
