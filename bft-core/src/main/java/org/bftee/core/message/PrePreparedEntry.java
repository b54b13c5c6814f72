package org.bftee.core.message;

import java.util.List;

/**
 * An element of a VIEW-CHANGE's Q set: the batches that pre-prepared at {@code sequence} at the
 * sending replica (it sent a pre-prepare or a prepare for them), each with the latest view.
 */
public record PrePreparedEntry(long sequence, List<DigestView> digestViews) {

    public PrePreparedEntry {
        Checks.nonNegative(sequence, "sequence");
        digestViews = Checks.copy(digestViews, "digestViews");
    }
}
