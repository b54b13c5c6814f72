package org.bftee.core.codec;

/**
 * The first byte of every digest input, so that inputs of different kinds never coincide (and
 * none coincides with a frame, whose first byte is that of {@link FrameHeader#MAGIC}).
 * Never renumber, only add.
 */
enum DigestInputKind {
    REQUEST(1),
    BATCH(2),
    MESSAGE(3);

    private final int tag;

    DigestInputKind(int tag) {
        this.tag = tag;
    }

    int tag() {
        return tag;
    }
}
