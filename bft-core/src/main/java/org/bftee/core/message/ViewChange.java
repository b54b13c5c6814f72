package org.bftee.core.message;

import java.util.List;

/**
 * VIEW-CHANGE(v+1, h, C, P, Q, i): replica {@code replica} moves to {@code newView}.
 *
 * @param stableSequence {@code h}, the sequence number of its last stable checkpoint
 * @param checkpoints    C: the checkpoints it holds
 * @param prepared       P: per sequence number above {@code h}, what prepared there and in which view
 * @param prePrepared    Q: per sequence number above {@code h}, what pre-prepared there
 */
public record ViewChange(long newView, long stableSequence, List<CheckpointEntry> checkpoints,
                         List<PreparedEntry> prepared, List<PrePreparedEntry> prePrepared, int replica)
        implements Message {

    public ViewChange {
        Checks.nonNegative(newView, "newView");
        Checks.nonNegative(stableSequence, "stableSequence");
        checkpoints = Checks.copy(checkpoints, "checkpoints");
        prepared = Checks.copy(prepared, "prepared");
        prePrepared = Checks.copy(prePrepared, "prePrepared");
        Checks.nonNegative(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.VIEW_CHANGE;
    }
}
