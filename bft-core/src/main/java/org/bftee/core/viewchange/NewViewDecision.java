package org.bftee.core.viewchange;

import java.util.List;
import java.util.Objects;

import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.Decision;

/** What {@link DecisionProcedure#decide} concluded: the X of a NEW-VIEW, or why it must wait. */
public sealed interface NewViewDecision {

    /**
     * The new view starts from {@code checkpoint} ({@code h*}) and pre-prepares {@code decisions}
     * again: one per sequence number from {@code h* + 1} up to {@link #lastSequence()}, in order,
     * each a batch digest or the null request. Sequence numbers above the last one are free: the
     * new primary assigns fresh batches there.
     */
    record Decided(CheckpointEntry checkpoint, List<Decision> decisions) implements NewViewDecision {

        public Decided {
            Objects.requireNonNull(checkpoint, "checkpoint");
            decisions = List.copyOf(decisions);
            for (int i = 0; i < decisions.size(); i++) {
                if (decisions.get(i).sequence() != checkpoint.sequence() + 1 + i) {
                    throw new IllegalArgumentException("decisions must cover " + (checkpoint.sequence() + 1)
                            + " onwards without gaps, got " + decisions);
                }
            }
        }

        /** The highest sequence number decided, or {@code h*} when there is none. */
        public long lastSequence() {
            return checkpoint.sequence() + decisions.size();
        }
    }

    /**
     * No decision yet: the new primary waits for more VIEW-CHANGE messages (or fetches batches)
     * and runs the procedure again.
     *
     * @param sequence        for {@link UndecidedReason#SEQUENCE_UNDECIDED}, the first sequence
     *                        number without a choice; otherwise {@link #NO_SEQUENCE}
     * @param missingBatches  for {@link UndecidedReason#MISSING_BATCHES}, the chosen batches the
     *                        primary neither holds nor can fetch yet; otherwise empty
     * @param checkpoint      for {@link UndecidedReason#MISSING_BATCHES}, the checkpoint chosen
     *                        already; otherwise null
     */
    record Undecided(UndecidedReason reason, long sequence, List<Decision> missingBatches, CheckpointEntry checkpoint)
            implements NewViewDecision {

        public static final long NO_SEQUENCE = -1;

        public Undecided {
            Objects.requireNonNull(reason, "reason");
            missingBatches = List.copyOf(missingBatches);
            if ((reason == UndecidedReason.MISSING_BATCHES) != (checkpoint != null)) {
                throw new IllegalArgumentException("a checkpoint comes with missing batches, and only with them");
            }
        }

        static Undecided because(UndecidedReason reason) {
            return new Undecided(reason, NO_SEQUENCE, List.of(), null);
        }
    }

    /** Why the procedure could not decide yet. */
    enum UndecidedReason {
        /** Fewer than {@code 2f + 1} VIEW-CHANGE messages. */
        NOT_ENOUGH_VIEW_CHANGES,
        /** No checkpoint is listed by {@code f + 1} messages with {@code 2f + 1} messages at or below it. */
        NO_CHECKPOINT,
        /** At some sequence number neither a batch (A1 and A2) nor the null request can be chosen. */
        SEQUENCE_UNDECIDED,
        /** Everything is chosen, but the primary lacks some chosen batches (A3). */
        MISSING_BATCHES
    }
}
