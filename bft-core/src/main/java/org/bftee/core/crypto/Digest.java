package org.bftee.core.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte message or state digest. Immutable; equality is by content.
 *
 * <p>Digests identify requests, batches, checkpoints and partitions everywhere in the protocol,
 * so this class is a value and never exposes its array.
 */
public final class Digest {

    /** Length in bytes of every digest on the wire. */
    public static final int LENGTH = 32;

    /** The digest of nothing in particular: all zero bytes, used for the null request and empty state. */
    public static final Digest ZERO = new Digest(new byte[LENGTH]);

    private final byte[] bytes;
    private final int hash;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Copies {@code bytes}, which must be exactly {@link #LENGTH} long. */
    public static Digest of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a digest is " + LENGTH + " bytes, got " + bytes.length);
        }
        return new Digest(bytes.clone());
    }

    /** Takes {@code bytes} over without copying: only for arrays a digester has just filled. */
    static Digest wrap(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a digest is " + LENGTH + " bytes, got " + bytes.length);
        }
        return new Digest(bytes);
    }

    /**
     * The digest's own array, for MAC engines in this package that must read it without a copy on
     * the hot path. Callers never modify or retain it.
     */
    byte[] internalBytes() {
        return bytes;
    }

    /** Reads {@link #LENGTH} bytes from {@code buffer}'s position; the caller has checked they are there. */
    public static Digest read(ByteBuffer buffer) {
        byte[] bytes = new byte[LENGTH];
        buffer.get(bytes);
        return new Digest(bytes);
    }

    /** Writes the digest at {@code buffer}'s position. */
    public void writeTo(ByteBuffer buffer) {
        buffer.put(bytes);
    }

    /** A copy of the digest's bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Copies the digest's bytes into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    @Override
    public boolean equals(Object other) {
        // Digests are public values, not secrets, so a constant-time comparison is not needed;
        // MessageDigest.isEqual is used anyway so that nobody copies a fast path into MAC checks.
        return other instanceof Digest that && hash == that.hash && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The first eight bytes in hex, enough to tell digests apart in logs. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes, 0, 8);
    }

    /** All 32 bytes in hex. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }
}
