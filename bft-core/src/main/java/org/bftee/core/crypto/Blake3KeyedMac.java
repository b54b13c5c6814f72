package org.bftee.core.crypto;

import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.params.Blake3Parameters;

/** BLAKE3's keyed-hash mode through Bouncy Castle, truncated XOF output as the tag. Not thread-safe. */
final class Blake3KeyedMac implements KeyedMac {

    private final Blake3Digest blake3 = new Blake3Digest(Digest.LENGTH * 8);
    private final int tagLength;

    Blake3KeyedMac(SessionKey key, int tagLength) {
        this.tagLength = tagLength;
        // Blake3Parameters.key copies the key; reset() after each tag returns to the keyed state.
        blake3.init(Blake3Parameters.key(key.internalBytes()));
    }

    @Override
    public MacAlgorithm algorithm() {
        return MacAlgorithm.BLAKE3;
    }

    @Override
    public int tagLength() {
        return tagLength;
    }

    @Override
    public void computeInto(byte[] input, int inputOffset, int inputLength, byte[] target, int offset) {
        blake3.update(input, inputOffset, inputLength);
        blake3.doFinal(target, offset, tagLength);
    }
}
