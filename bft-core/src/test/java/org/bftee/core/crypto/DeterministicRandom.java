package org.bftee.core.crypto;

import java.util.SplittableRandom;

/** A seeded {@link RandomSource} for tests: the same seed gives the same keys on every run. */
final class DeterministicRandom implements RandomSource {

    private final SplittableRandom random;

    DeterministicRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
    }
}
