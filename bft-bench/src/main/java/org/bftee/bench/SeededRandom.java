package org.bftee.bench;

import java.util.SplittableRandom;

import org.bftee.core.crypto.RandomSource;

/** Fixed-seed randomness: benchmarks need reproducible inputs, not secret keys. */
final class SeededRandom implements RandomSource {

    private final SplittableRandom random;

    SeededRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
    }
}
