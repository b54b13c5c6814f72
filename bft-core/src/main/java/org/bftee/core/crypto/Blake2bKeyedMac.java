package org.bftee.core.crypto;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Keyed BLAKE2b through Bouncy Castle. The tag length is BLAKE2b's output length, which is part of
 * its parameter block, so tags of different lengths are unrelated rather than truncations of each
 * other. Not thread-safe.
 */
final class Blake2bKeyedMac implements KeyedMac {

    private final Blake2bDigest blake2b;
    private final int tagLength;

    Blake2bKeyedMac(SessionKey key, int tagLength) {
        this.tagLength = tagLength;
        // Bouncy Castle copies the key and re-absorbs it as the first block at every reset.
        this.blake2b = new Blake2bDigest(key.internalBytes(), tagLength, null, null);
    }

    @Override
    public MacAlgorithm algorithm() {
        return MacAlgorithm.BLAKE2B;
    }

    @Override
    public int tagLength() {
        return tagLength;
    }

    @Override
    public void computeInto(byte[] input, int inputOffset, int inputLength, byte[] target, int offset) {
        blake2b.update(input, inputOffset, inputLength);
        blake2b.doFinal(target, offset);
    }
}
