package org.bftee.core.crypto;

/**
 * A MAC engine bound to one session key, built once when the key is installed and reused for every
 * message under that key, so the hot path pays neither key setup nor an engine allocation.
 *
 * <p>Every MAC in the protocol is computed over a 32-byte message digest: a multicast then costs
 * one digest of the message plus one short MAC per receiver. Not thread-safe: the key table that
 * holds it belongs to one thread.
 */
public interface KeyedMac {

    MacAlgorithm algorithm();

    /** Length in bytes of the tags this engine writes. */
    int tagLength();

    /** Writes the {@link #tagLength()}-byte tag of {@code digest} into {@code target} at {@code offset}. */
    default void computeInto(Digest digest, byte[] target, int offset) {
        computeInto(digest.internalBytes(), 0, Digest.LENGTH, target, offset);
    }

    /**
     * Writes the tag of {@code inputLength} bytes of {@code input} from {@code inputOffset} into
     * {@code target} at {@code offset}. The protocol only ever MACs 32-byte digests; other lengths
     * serve known-answer tests and benchmarks.
     */
    void computeInto(byte[] input, int inputOffset, int inputLength, byte[] target, int offset);

    /** The tag of {@code digest}, freshly allocated. */
    default byte[] compute(Digest digest) {
        byte[] tag = new byte[tagLength()];
        computeInto(digest, tag, 0);
        return tag;
    }
}
