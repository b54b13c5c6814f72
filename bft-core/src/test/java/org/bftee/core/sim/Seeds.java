package org.bftee.core.sim;

import java.util.SplittableRandom;
import org.bftee.core.crypto.RandomSource;

/**
 * Everything random in a simulation comes from its one seed, through a stream per named
 * component ("network", "keys", "host-3", ...). A component's stream depends only on the seed and
 * its name, so adding a component, or drawing more numbers in one, does not perturb the others.
 */
public final class Seeds {

    private Seeds() {
    }

    /** The random stream of {@code component} in the run with {@code seed}. */
    public static SplittableRandom stream(long seed, String component) {
        return new SplittableRandom(mix(seed + mix(component.hashCode() * 0x9E3779B97F4A7C15L)));
    }

    /** A {@link RandomSource} for the core (keys, nonces) over {@code random}. */
    public static RandomSource randomSource(SplittableRandom random) {
        return random::nextBytes;
    }

    /** The SplitMix64 finaliser: spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
