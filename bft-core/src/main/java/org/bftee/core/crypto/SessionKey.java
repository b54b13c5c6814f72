package org.bftee.core.crypto;

import java.security.MessageDigest;

/**
 * A symmetric session key shared by two principals for MACs in one direction: 32 random bytes.
 *
 * <p>Every {@link MacAlgorithm} keys itself from these 32 bytes (SipHash-2-4 from the first 16), so
 * a NEW-KEY message carries the same size of key whatever MAC the group uses. Immutable;
 * {@link #toString} never shows the key.
 */
public final class SessionKey {

    /** Length in bytes of every session key. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private SessionKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A fresh key from {@code random}. */
    public static SessionKey generate(RandomSource random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new SessionKey(bytes);
    }

    /**
     * A key from its 32 raw bytes (copied).
     *
     * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
     */
    public static SessionKey fromRaw(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a session key is " + LENGTH + " bytes, got " + bytes.length);
        }
        return new SessionKey(bytes.clone());
    }

    /** Takes over an array this package has just filled (a decrypted key). */
    static SessionKey wrap(byte[] bytes) {
        return new SessionKey(bytes);
    }

    /** The key's own array, for the MAC engines and sealer in this package; never modified. */
    byte[] internalBytes() {
        return bytes;
    }

    /** Compares in constant time, so that tests and diagnostics never leak key bytes by timing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SessionKey that && MessageDigest.isEqual(bytes, that.bytes);
    }

    /** Constant, so that hash tables do not leak key bits either; session keys are not map keys. */
    @Override
    public int hashCode() {
        return 0x5e55;
    }

    @Override
    public String toString() {
        return "SessionKey[redacted]";
    }
}
