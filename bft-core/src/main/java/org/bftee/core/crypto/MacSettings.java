package org.bftee.core.crypto;

/**
 * Which MAC a group uses and how long its tags are. Every principal of a group must agree on both:
 * a receiver rejects an authenticator whose tag length differs as malformed.
 */
public record MacSettings(MacAlgorithm algorithm, int tagLength) {

    /** {@link MacAlgorithm#DEFAULT} with its default tag length. */
    public static final MacSettings DEFAULT = of(MacAlgorithm.DEFAULT);

    public MacSettings {
        if (algorithm == null) {
            throw new IllegalArgumentException("MAC algorithm missing");
        }
        if (!algorithm.supportsTagLength(tagLength)) {
            throw new IllegalArgumentException(algorithm + " supports tags of " + algorithm.tagLengthMin()
                    + " to " + algorithm.tagLengthMax() + " bytes, not " + tagLength);
        }
    }

    /** {@code algorithm} with its default tag length. */
    public static MacSettings of(MacAlgorithm algorithm) {
        return new MacSettings(algorithm, algorithm.tagLengthDefault());
    }

    /** An engine for {@code key} with these settings. */
    public KeyedMac keyedMac(SessionKey key) {
        return algorithm.keyedMac(key, tagLength);
    }
}
