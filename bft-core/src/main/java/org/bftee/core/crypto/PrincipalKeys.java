package org.bftee.core.crypto;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * A principal's long-term private keys: the Ed25519 key that signs its NEW-KEY messages and the
 * X25519 key with which it opens the session keys that peers seal for it.
 *
 * <p>Both keys are 32 raw bytes (the RFC 8032 seed and the RFC 7748 scalar), the form in which the
 * runtime's key files store them. The public keys are derived once, when this object is built.
 * Immutable and safe to share; {@link #toString} never shows key material.
 */
public final class PrincipalKeys {

    /** Length in bytes of each raw private key. */
    public static final int KEY_LENGTH = 32;

    private final byte[] signingPrivateKey;
    private final byte[] agreementPrivateKey;
    private final Ed25519PrivateKeyParameters signingParameters;
    private final X25519PrivateKeyParameters agreementParameters;
    private final PublicIdentity publicIdentity;

    private PrincipalKeys(byte[] signingPrivateKey, byte[] agreementPrivateKey) {
        this.signingPrivateKey = signingPrivateKey;
        this.agreementPrivateKey = agreementPrivateKey;
        this.signingParameters = new Ed25519PrivateKeyParameters(signingPrivateKey, 0);
        this.agreementParameters = new X25519PrivateKeyParameters(agreementPrivateKey, 0);
        this.publicIdentity = PublicIdentity.fromRaw(
                signingParameters.generatePublicKey().getEncoded(),
                agreementParameters.generatePublicKey().getEncoded());
    }

    /** Generates fresh keys from 64 bytes of {@code random}. */
    public static PrincipalKeys generate(RandomSource random) {
        byte[] signing = new byte[KEY_LENGTH];
        byte[] agreement = new byte[KEY_LENGTH];
        random.nextBytes(signing);
        random.nextBytes(agreement);
        return new PrincipalKeys(signing, agreement);
    }

    /**
     * Rebuilds keys from their raw 32-byte encodings (copied), as read from a key file.
     *
     * @throws IllegalArgumentException if a key is not 32 bytes long
     */
    public static PrincipalKeys fromRaw(byte[] signingPrivateKey, byte[] agreementPrivateKey) {
        checkLength("Ed25519 private key", signingPrivateKey);
        checkLength("X25519 private key", agreementPrivateKey);
        return new PrincipalKeys(signingPrivateKey.clone(), agreementPrivateKey.clone());
    }

    /** The public keys that peers need to verify and seal for this principal. */
    public PublicIdentity publicIdentity() {
        return publicIdentity;
    }

    /** A copy of the raw 32-byte Ed25519 private key (the RFC 8032 seed). */
    public byte[] signingPrivateKeyBytes() {
        return signingPrivateKey.clone();
    }

    /** A copy of the raw 32-byte X25519 private key. */
    public byte[] agreementPrivateKeyBytes() {
        return agreementPrivateKey.clone();
    }

    Ed25519PrivateKeyParameters signingParameters() {
        return signingParameters;
    }

    X25519PrivateKeyParameters agreementParameters() {
        return agreementParameters;
    }

    private static void checkLength(String what, byte[] key) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an " + what + " is " + KEY_LENGTH + " bytes, got "
                    + (key == null ? "null" : key.length));
        }
    }

    /** Only the public identity: private key material never reaches a log. */
    @Override
    public String toString() {
        return "PrincipalKeys[" + publicIdentity + "]";
    }
}
