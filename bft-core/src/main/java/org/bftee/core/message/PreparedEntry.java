package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/**
 * An element {@code (n, d, v)} of a VIEW-CHANGE's P set: batch {@code digest} prepared at
 * {@code sequence} in {@code view}, the latest view in which anything prepared there.
 */
public record PreparedEntry(long sequence, Digest digest, long view) {

    public PreparedEntry {
        Checks.nonNegative(sequence, "sequence");
        Objects.requireNonNull(digest, "digest");
        Checks.nonNegative(view, "view");
    }
}
