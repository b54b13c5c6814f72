package org.bftee.core.crypto;

import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;

/** SipHash-2-4 through Bouncy Castle: 128-bit key, 64-bit tag. Not thread-safe. */
final class SipHashKeyedMac implements KeyedMac {

    private static final int KEY_LENGTH = 16;

    private final SipHash sipHash = new SipHash(2, 4);

    SipHashKeyedMac(SessionKey key) {
        // The first 16 bytes of a uniformly random 32-byte key are a uniformly random 16-byte key.
        sipHash.init(new KeyParameter(key.internalBytes(), 0, KEY_LENGTH));
    }

    @Override
    public MacAlgorithm algorithm() {
        return MacAlgorithm.SIPHASH_2_4;
    }

    @Override
    public int tagLength() {
        return 8;
    }

    @Override
    public void computeInto(byte[] input, int inputOffset, int inputLength, byte[] target, int offset) {
        sipHash.update(input, inputOffset, inputLength);
        // Writes the 64-bit result little-endian, as the reference implementation does, and resets
        // to the keyed initial state.
        sipHash.doFinal(target, offset);
    }
}
