package org.bftee.core.crypto;

/**
 * Where the core gets its randomness: key pairs, session keys and AEAD nonces.
 *
 * <p>{@code bft-core} never creates a random number generator itself, so that the simulator can
 * replay a run from its seed. The runtime passes one backed by {@link java.security.SecureRandom};
 * tests pass a deterministic one. Implementations need not be thread-safe: each is used by the one
 * thread that owns the state machine it was given to.
 */
@FunctionalInterface
public interface RandomSource {

    /** Fills {@code bytes} entirely with random bytes. */
    void nextBytes(byte[] bytes);
}
