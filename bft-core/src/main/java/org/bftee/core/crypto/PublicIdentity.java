package org.bftee.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * The public half of a principal's long-term keys: the Ed25519 key that verifies its NEW-KEY
 * signatures and the X25519 key that peers use to seal session keys for it. Immutable; equality is
 * by content.
 *
 * <p>Both keys are stored and exchanged as their 32-byte raw encodings (RFC 8032 and RFC 7748).
 */
public final class PublicIdentity {

    /** Length in bytes of each raw public key. */
    public static final int KEY_LENGTH = 32;

    private final byte[] signingPublicKey;
    private final byte[] agreementPublicKey;
    private final Ed25519PublicKeyParameters signingParameters;
    private final X25519PublicKeyParameters agreementParameters;

    private PublicIdentity(byte[] signingPublicKey, byte[] agreementPublicKey) {
        this.signingPublicKey = signingPublicKey;
        this.agreementPublicKey = agreementPublicKey;
        this.signingParameters = new Ed25519PublicKeyParameters(signingPublicKey, 0);
        this.agreementParameters = new X25519PublicKeyParameters(agreementPublicKey, 0);
    }

    /**
     * Builds an identity from the raw 32-byte Ed25519 and X25519 public keys (copied).
     *
     * @throws IllegalArgumentException if a key is not 32 bytes long or the Ed25519 key is not a
     *     valid curve point encoding
     */
    public static PublicIdentity fromRaw(byte[] signingPublicKey, byte[] agreementPublicKey) {
        checkLength("Ed25519 public key", signingPublicKey);
        checkLength("X25519 public key", agreementPublicKey);
        return new PublicIdentity(signingPublicKey.clone(), agreementPublicKey.clone());
    }

    /** A copy of the raw 32-byte Ed25519 public key. */
    public byte[] signingPublicKeyBytes() {
        return signingPublicKey.clone();
    }

    /** A copy of the raw 32-byte X25519 public key. */
    public byte[] agreementPublicKeyBytes() {
        return agreementPublicKey.clone();
    }

    Ed25519PublicKeyParameters signingParameters() {
        return signingParameters;
    }

    X25519PublicKeyParameters agreementParameters() {
        return agreementParameters;
    }

    static void checkLength(String what, byte[] key) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an " + what + " is " + KEY_LENGTH + " bytes, got "
                    + (key == null ? "null" : key.length));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PublicIdentity that
                && Arrays.equals(signingPublicKey, that.signingPublicKey)
                && Arrays.equals(agreementPublicKey, that.agreementPublicKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(signingPublicKey) + Arrays.hashCode(agreementPublicKey);
    }

    /** The first eight bytes of each key in hex, enough to tell identities apart in logs. */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "PublicIdentity[ed25519=" + hex.formatHex(signingPublicKey, 0, 8)
                + ", x25519=" + hex.formatHex(agreementPublicKey, 0, 8) + "]";
    }
}
