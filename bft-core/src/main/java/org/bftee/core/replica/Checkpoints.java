package org.bftee.core.replica;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Checkpoint;

/**
 * Checkpoints and garbage collection (PROTOCOL.md, "Checkpoints"): every {@code K} committed
 * sequence numbers a replica takes a checkpoint of the object store and multicasts CHECKPOINT;
 * {@code 2f + 1} matching CHECKPOINTs, its own included, make the checkpoint stable, which moves
 * the low water mark and discards the log and the older checkpoints.
 *
 * <p>Votes are kept only for checkpoint sequence numbers inside the water marks, at most
 * {@code L / K} of them, one digest per replica each.
 */
final class Checkpoints {

    private final ReplicaContext context;
    private final TreeMap<Long, Map<Integer, Digest>> votes = new TreeMap<>();
    private Runnable onStable = () -> { };

    Checkpoints(ReplicaContext context) {
        this.context = context;
    }

    /** What to do after the low water mark moved (the primary may propose again). */
    void onStable(Runnable action) {
        this.onStable = action;
    }

    /** A batch committed and executed: take a checkpoint if it ends an interval. */
    void afterCommitted(long sequence) {
        if (sequence % context.config.limits().checkpointInterval() != 0) {
            return;
        }
        Digest stateDigest = context.services.store().checkpoint(sequence);
        context.services.observer().checkpointTaken(context.self, sequence, stateDigest);
        votes.computeIfAbsent(sequence, s -> new HashMap<>()).put(context.self, stateDigest);
        context.outbox.multicast(new Checkpoint(sequence, stateDigest, context.self));
        tryStable(sequence);
    }

    void onCheckpoint(int sender, Checkpoint checkpoint) {
        long sequence = checkpoint.sequence();
        if (sequence % context.config.limits().checkpointInterval() != 0 || !context.log.inWindow(sequence)) {
            context.counters.drop(DropReason.BAD_CHECKPOINT);
            return;
        }
        votes.computeIfAbsent(sequence, s -> new HashMap<>()).put(sender, checkpoint.stateDigest());
        tryStable(sequence);
    }

    /** My own digest for the retained checkpoint at {@code sequence}, or null. */
    Digest ownDigest(long sequence) {
        Map<Integer, Digest> atSequence = votes.get(sequence);
        return atSequence == null ? null : atSequence.get(context.self);
    }

    private void tryStable(long sequence) {
        Map<Integer, Digest> atSequence = votes.get(sequence);
        Digest own = atSequence == null ? null : atSequence.get(context.self);
        if (own == null) {
            // Without its own checkpoint a replica cannot use a stable one: it must fetch the
            // state (state transfer, a later issue) before it can move its water marks.
            return;
        }
        long matching = atSequence.values().stream().filter(own::equals).count();
        if (matching < context.quorums.quorum()) {
            return;
        }
        stabilize(sequence);
        onStable.run();
    }

    /**
     * Makes the checkpoint at {@code sequence} stable without CHECKPOINT votes: a NEW-VIEW chose it
     * (the decision procedure proved {@code f + 1} replicas hold it) and this replica holds it too.
     * No-op at or below the current low water mark.
     */
    void adoptStable(long sequence) {
        if (sequence > context.log.lowWaterMark()) {
            stabilize(sequence);
        }
    }

    /**
     * Moves the water marks to a new view's checkpoint that this replica does not hold: it keeps
     * voting in the new view's window while it waits for state transfer.
     */
    void skipTo(long sequence) {
        if (sequence > context.log.lowWaterMark()) {
            context.log.advanceLowWaterMark(sequence);
            votes.headMap(sequence, false).clear();
        }
    }

    private void stabilize(long sequence) {
        context.log.advanceLowWaterMark(sequence);
        context.services.store().discardCheckpointsBefore(sequence);
        context.requestStore.discardExecutedUpTo(sequence);
        votes.headMap(sequence, false).clear();
        context.counters.checkpointStable();
        context.services.observer().checkpointStable(context.self, sequence);
    }
}
