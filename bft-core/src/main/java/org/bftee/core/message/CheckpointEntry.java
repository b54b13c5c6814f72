package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/** A checkpoint {@code (n, d)}: an element of a VIEW-CHANGE's C set, and the checkpoint a NEW-VIEW chose. */
public record CheckpointEntry(long sequence, Digest digest) {

    public CheckpointEntry {
        Checks.nonNegative(sequence, "sequence");
        Objects.requireNonNull(digest, "digest");
    }
}
