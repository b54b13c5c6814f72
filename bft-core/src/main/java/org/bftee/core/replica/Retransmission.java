package org.bftee.core.replica;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.BatchEntry;
import org.bftee.core.message.Bitmap;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Commit;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.Request;
import org.bftee.core.message.RequestDigest;
import org.bftee.core.message.Status;
import org.bftee.core.protocol.ProtocolTimer;

/**
 * Retransmission driven by STATUS messages (PROTOCOL.md, "Retransmission"): each replica
 * periodically multicasts what it has; a peer resends only what the sender lacks. Nothing in the
 * protocol relies on the network delivering a message the first time.
 *
 * <p>Only the primary can resend a pre-prepare (an authenticator proves a message to its receiver
 * only, so a backup cannot vouch for the primary's); backups resend their own PREPAREs and COMMITs,
 * and anyone resends the large request bodies it holds (they carry the client's authenticator).
 */
final class Retransmission {

    private final ReplicaContext context;
    private final Checkpoints checkpoints;
    private final ViewChanges viewChanges;

    Retransmission(ReplicaContext context, Checkpoints checkpoints, ViewChanges viewChanges) {
        this.context = context;
        this.checkpoints = checkpoints;
        this.viewChanges = viewChanges;
    }

    void start() {
        context.outbox.setTimer(ProtocolTimer.STATUS, context.config.timeouts().status().toMillis());
    }

    void onStatusTimer() {
        multicastStatus();
        start();
    }

    /** Multicasts this replica's STATUS at once, outside the periodic rounds. */
    void multicastStatus() {
        context.outbox.multicast(status());
    }

    void onStatus(int sender, Status status) {
        checkpoints.onPeerStatus(sender, status.stableSequence());
        long low = context.log.lowWaterMark();
        if (status.stableSequence() < low && low > 0) {
            // Whatever its view, a peer behind this replica's stable checkpoint learns of it, so that
            // with f others vouching it can fetch the state it can no longer reach by executing.
            Digest own = checkpoints.ownDigest(low);
            if (own != null) {
                context.outbox.send(sender, new Checkpoint(low, own, context.self));
            }
        }
        if (viewChanges.onStatus(sender, status) || status.view() != context.view) {
            return; // views are reconciled by the view change
        }
        long from = Math.max(status.stableSequence(), low) + 1;
        long to = Math.min(context.log.highWaterMark(), Math.max(context.lastExecuted, highestHeld()));
        for (long sequence = from; sequence <= to; sequence++) {
            resendFor(sender, status, context.log.slot(sequence));
        }
    }

    private void resendFor(int peer, Status status, Slot slot) {
        PrePrepare prePrepare = slot.prePrepare();
        if (prePrepare == null || prePrepare.view() != context.view) {
            return;
        }
        if (Digest.ZERO.equals(slot.decided())) {
            return; // every replica that accepted the NEW-VIEW pre-prepared the null request itself
        }
        long sequence = slot.sequence();
        if (!slot.isAccepted()) {
            // A partial PREPARE is how the peer may learn that this replica vouches for its requests.
            Bitmap partial = slot.ownUnauthenticated(context.self, context.view);
            if (partial != null && !status.hasPrepared(sequence)) {
                context.outbox.send(peer, new Prepare(context.view, sequence, slot.batchDigest(), context.self,
                        partial));
            }
            return;
        }
        if (!status.hasPrepared(sequence)) {
            if (context.isPrimary()) {
                context.outbox.send(peer, prePrepare);
            } else if (slot.prepareSent()) {
                context.outbox.send(peer, new Prepare(context.view, sequence, slot.batchDigest(), context.self));
            }
            resendBodies(peer, prePrepare);
        }
        if (!status.hasCommitted(sequence) && slot.commitSent()) {
            context.outbox.send(peer, new Commit(context.view, sequence, slot.batchDigest(), context.self));
        }
    }

    private void resendBodies(int peer, PrePrepare prePrepare) {
        for (BatchEntry entry : prePrepare.batch()) {
            if (entry instanceof RequestDigest byDigest) {
                Request body = context.requestStore.get(byDigest.digest());
                if (body != null) {
                    context.outbox.send(peer, body);
                }
            }
        }
    }

    private long highestHeld() {
        long highest = context.lastExecuted;
        for (long sequence = context.firstUnexecuted(); sequence <= context.log.highWaterMark(); sequence++) {
            if (context.log.slot(sequence).prePrepare() != null) {
                highest = sequence;
            }
        }
        return highest;
    }

    private Status status() {
        long low = context.log.lowWaterMark();
        int window = context.config.limits().logWindow();
        if (!context.viewActive) {
            // During a view change the new primary's prepared bitmap marks the batches it lacks (A3).
            Bitmap wanted = context.isPrimary() ? viewChanges.missingBatchesBitmap() : Bitmap.of(window);
            return new Status(context.view, true, viewChanges.newViewHeld(), low, context.lastExecuted, wanted,
                    Bitmap.of(window), viewChanges.viewChangesHeld(), context.self);
        }
        int[] prepared = new int[window];
        int[] committed = new int[window];
        int preparedCount = 0;
        int committedCount = 0;
        for (int k = 0; k < window; k++) {
            long sequence = low + 1 + k;
            Slot slot = context.log.slot(sequence);
            if (sequence <= context.lastCommitted || slot.isCommitted(context.view)) {
                committed[committedCount++] = k;
                prepared[preparedCount++] = k;
            } else if (slot.isPrepared(context.view)) {
                prepared[preparedCount++] = k;
            }
        }
        return new Status(context.view, false, viewChanges.newViewHeld(), low, context.lastExecuted,
                Bitmap.of(window, java.util.Arrays.copyOf(prepared, preparedCount)),
                Bitmap.of(window, java.util.Arrays.copyOf(committed, committedCount)),
                viewChanges.viewChangesHeld(), context.self);
    }
}
