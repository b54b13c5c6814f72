package org.bftee.core.crypto;

import java.nio.ByteBuffer;

import org.bouncycastle.crypto.digests.Blake3Digest;

/** BLAKE3 with a 256-bit output through Bouncy Castle. Not thread-safe; see {@link Digester}. */
final class Blake3Digester implements Digester {

    /**
     * Direct and read-only buffers expose no array for Bouncy Castle to read, so they pass through
     * this much scratch space at a time; writable heap buffers are read in place.
     */
    private static final int DIRECT_BUFFER_CHUNK = 4096;

    private final Blake3Digest blake3 = new Blake3Digest(Digest.LENGTH * 8);
    private byte[] chunk;

    @Override
    public DigestAlgorithm algorithm() {
        return DigestAlgorithm.BLAKE3;
    }

    @Override
    public Digester update(byte[] data, int offset, int length) {
        blake3.update(data, offset, length);
        return this;
    }

    @Override
    public Digester update(ByteBuffer region) {
        int position = region.position();
        int remaining = region.remaining();
        if (region.hasArray()) {
            blake3.update(region.array(), region.arrayOffset() + position, remaining);
            return this;
        }
        if (chunk == null) {
            chunk = new byte[DIRECT_BUFFER_CHUNK];
        }
        for (int done = 0; done < remaining; ) {
            int length = Math.min(chunk.length, remaining - done);
            region.get(position + done, chunk, 0, length);
            blake3.update(chunk, 0, length);
            done += length;
        }
        return this;
    }

    @Override
    public Digest finish() {
        byte[] bytes = new byte[Digest.LENGTH];
        blake3.doFinal(bytes, 0);
        return Digest.wrap(bytes);
    }

    @Override
    public void finishInto(byte[] target, int offset) {
        blake3.doFinal(target, offset);
    }
}
