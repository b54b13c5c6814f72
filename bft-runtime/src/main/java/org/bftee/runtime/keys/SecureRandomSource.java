package org.bftee.runtime.keys;

import java.security.SecureRandom;

import org.bftee.core.crypto.RandomSource;

/** The runtime's source of randomness for the core: the platform's strong {@link SecureRandom}. */
public final class SecureRandomSource implements RandomSource {

    private final SecureRandom random;

    public SecureRandomSource() {
        this(new SecureRandom());
    }

    public SecureRandomSource(SecureRandom random) {
        this.random = random;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
    }
}
