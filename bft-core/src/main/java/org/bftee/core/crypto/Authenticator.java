package org.bftee.core.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A vector of MAC tags, one per receiver, as in the paper: entry {@code i} is the MAC of the
 * message digest under the key that receiver {@code i} chose for the sender. A point-to-point
 * message (a reply, an acknowledgement) carries an authenticator with a single entry.
 *
 * <p>The tags are kept in one flat array so that building and checking an authenticator on the
 * hot path costs one allocation. Immutable once built; {@link #matches} compares in constant time.
 */
public final class Authenticator {

    /** Shortest tag the protocol accepts: below 64 bits a forgery by guessing becomes practical. */
    public static final int TAG_LENGTH_MIN = 8;

    /** Longest tag the protocol accepts. */
    public static final int TAG_LENGTH_MAX = 32;

    private final byte[] tags;
    private final int tagLength;

    private Authenticator(byte[] tags, int tagLength) {
        this.tags = tags;
        this.tagLength = tagLength;
    }

    /**
     * Wraps {@code tags}, the concatenation of {@code tags.length / tagLength} tags. The array is
     * taken over, not copied: callers build it fresh for this authenticator.
     */
    public static Authenticator wrap(byte[] tags, int tagLength) {
        if (tagLength < TAG_LENGTH_MIN || tagLength > TAG_LENGTH_MAX) {
            throw new IllegalArgumentException("MAC tag length " + tagLength + " outside ["
                    + TAG_LENGTH_MIN + ", " + TAG_LENGTH_MAX + "]");
        }
        if (tags.length == 0 || tags.length % tagLength != 0) {
            throw new IllegalArgumentException(tags.length + " bytes is not a whole number of "
                    + tagLength + "-byte tags");
        }
        return new Authenticator(tags, tagLength);
    }

    /** Reads {@code count} tags of {@code tagLength} bytes; the caller has checked both against their limits. */
    public static Authenticator read(ByteBuffer buffer, int count, int tagLength) {
        byte[] tags = new byte[count * tagLength];
        buffer.get(tags);
        return wrap(tags, tagLength);
    }

    /** Writes the tags, without count or length (the frame records those). */
    public void writeTo(ByteBuffer buffer) {
        buffer.put(tags);
    }

    public int count() {
        return tags.length / tagLength;
    }

    public int tagLength() {
        return tagLength;
    }

    /** Encoded size in bytes. */
    public int size() {
        return tags.length;
    }

    /** A copy of entry {@code index}. */
    public byte[] tag(int index) {
        return Arrays.copyOfRange(tags, index * tagLength, (index + 1) * tagLength);
    }

    /** Whether entry {@code index} equals {@code expected}, compared in constant time. */
    public boolean matches(int index, byte[] expected) {
        if (expected.length != tagLength) {
            return false;
        }
        return matches(index, expected, 0);
    }

    /**
     * Whether entry {@code index} equals the {@link #tagLength()} bytes of {@code expected} from
     * {@code offset}, compared in constant time and without copying the entry (MAC verification
     * calls this once per received message).
     */
    boolean matches(int index, byte[] expected, int offset) {
        if (index < 0 || index >= count() || offset < 0 || expected.length - offset < tagLength) {
            return false;
        }
        int start = index * tagLength;
        int difference = 0;
        for (int i = 0; i < tagLength; i++) {
            difference |= tags[start + i] ^ expected[offset + i];
        }
        return difference == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Authenticator that && tagLength == that.tagLength && Arrays.equals(tags, that.tags);
    }

    @Override
    public int hashCode() {
        return 31 * tagLength + Arrays.hashCode(tags);
    }

    @Override
    public String toString() {
        return "Authenticator[" + count() + " x " + tagLength + " bytes]";
    }
}
