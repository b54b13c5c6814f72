package org.bftee.core.message;

import java.util.List;
import java.util.Objects;

/**
 * PRE-PREPARE(v, n, d): the primary of view {@code view} assigns {@code sequence} to a batch.
 * The batch digest {@code d} is not carried: every replica computes it from the non-deterministic
 * inputs and the request digests (the codec's batch digest input), so it cannot disagree with the batch.
 *
 * @param nonDeterministic the values the primary proposes for non-deterministic execution
 *                         (for example time), checked by backups before they prepare
 * @param batch            the requests, in execution order; empty for a null request
 */
public record PrePrepare(long view, long sequence, Bytes nonDeterministic, List<BatchEntry> batch)
        implements Message {

    public PrePrepare {
        Checks.nonNegative(view, "view");
        Checks.nonNegative(sequence, "sequence");
        Objects.requireNonNull(nonDeterministic, "nonDeterministic");
        batch = Checks.copy(batch, "batch");
    }

    @Override
    public MessageType type() {
        return MessageType.PRE_PREPARE;
    }
}
