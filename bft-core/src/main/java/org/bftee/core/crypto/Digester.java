package org.bftee.core.crypto;

import java.nio.ByteBuffer;

/**
 * A reusable hashing engine producing {@link Digest}s. Feed it with {@code update}, then
 * {@code finish}; after {@code finish} it is ready for the next message.
 *
 * <p>Not thread-safe: each digester has a single owner (a replica or client core, or the codec
 * running on that core's thread), which keeps it for its lifetime instead of creating an engine per
 * message. The {@code update} methods read the caller's array or buffer in place, without copying
 * it, and leave a buffer's position and limit untouched.
 */
public interface Digester {

    DigestAlgorithm algorithm();

    /** Absorbs {@code length} bytes of {@code data} from {@code offset}. */
    Digester update(byte[] data, int offset, int length);

    /** Absorbs the bytes between {@code region}'s position and limit, leaving both unchanged. */
    Digester update(ByteBuffer region);

    /** Absorbs the 32 bytes of {@code digest}, as a Merkle tree node over its children does. */
    default Digester update(Digest digest) {
        return update(digest.internalBytes(), 0, Digest.LENGTH);
    }

    /** Completes the digest of everything absorbed since the last finish, and resets. */
    Digest finish();

    /**
     * Writes the digest of everything absorbed since the last finish into {@code target} at
     * {@code offset}, and resets. For hot paths that keep the digest in a buffer of their own.
     */
    void finishInto(byte[] target, int offset);

    /** The digest of {@code data} alone. */
    default Digest digest(byte[] data) {
        return update(data, 0, data.length).finish();
    }

    /** The digest of {@code length} bytes of {@code data} from {@code offset}, read in place. */
    default Digest digest(byte[] data, int offset, int length) {
        return update(data, offset, length).finish();
    }

    /** The digest of {@code region}'s remaining bytes, read in place; position and limit unchanged. */
    default Digest digest(ByteBuffer region) {
        return update(region).finish();
    }
}
