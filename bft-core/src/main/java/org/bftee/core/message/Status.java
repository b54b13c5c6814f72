package org.bftee.core.message;

import java.util.Objects;

/**
 * STATUS: what replica {@code replica} has, so that peers resend only what it lacks.
 *
 * <p>Bit {@code k} of {@code prepared} and {@code committed} stands for sequence number
 * {@code stableSequence + 1 + k}: the bitmaps cover the log window above the stable checkpoint.
 * Bit {@code j} of {@code viewChanges} stands for replica {@code j}: during a view change, whose
 * VIEW-CHANGE for {@code view} it holds.
 *
 * @param viewChangeInProgress the replica is changing to {@code view} and has not accepted its NEW-VIEW
 * @param newViewHeld          the replica holds the NEW-VIEW for {@code view}
 * @param prepared             prepared certificates held in {@code view}; during a view change, at
 *                             the new primary, the sequence numbers whose chosen batch it lacks
 *                             (peers answer with the batches they pre-prepared there)
 * @param committed            committed certificates held (empty during a view change)
 */
public record Status(long view, boolean viewChangeInProgress, boolean newViewHeld, long stableSequence,
                     long lastExecuted, Bitmap prepared, Bitmap committed, Bitmap viewChanges, int replica)
        implements Message {

    public Status {
        Checks.nonNegative(view, "view");
        Checks.nonNegative(stableSequence, "stableSequence");
        Checks.nonNegative(lastExecuted, "lastExecuted");
        Objects.requireNonNull(prepared, "prepared");
        Objects.requireNonNull(committed, "committed");
        Objects.requireNonNull(viewChanges, "viewChanges");
        Checks.nonNegative(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.STATUS;
    }

    /** Whether the replica holds a prepared certificate for {@code sequence}; false outside the bitmap. */
    public boolean hasPrepared(long sequence) {
        return inWindow(prepared, sequence) && prepared.get((int) (sequence - stableSequence - 1));
    }

    /** Whether the replica holds a committed certificate for {@code sequence}; false outside the bitmap. */
    public boolean hasCommitted(long sequence) {
        return inWindow(committed, sequence) && committed.get((int) (sequence - stableSequence - 1));
    }

    private boolean inWindow(Bitmap bitmap, long sequence) {
        return sequence > stableSequence && sequence - stableSequence <= bitmap.size();
    }
}
