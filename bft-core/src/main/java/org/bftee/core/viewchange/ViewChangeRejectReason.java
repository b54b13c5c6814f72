package org.bftee.core.viewchange;

/**
 * Why a VIEW-CHANGE from a peer is not well formed. A correct replica never sends such a message,
 * so its sender is faulty: the message is dropped and counted, never acknowledged and never
 * counted in the decision procedure.
 */
public enum ViewChangeRejectReason {
    /** The message is for another view than the one being changed to. */
    WRONG_NEW_VIEW,
    /** The sender is not a replica of the group. */
    REPLICA_OUT_OF_RANGE,
    /** {@code h} is not a multiple of the checkpoint interval, so no checkpoint can be stable there. */
    STABLE_SEQUENCE_NOT_AT_INTERVAL,
    /** C is not strictly increasing by sequence number (out of order, or two digests for one). */
    CHECKPOINTS_NOT_SORTED,
    /** A checkpoint of C is not at a multiple of the checkpoint interval. */
    CHECKPOINT_NOT_AT_INTERVAL,
    /** A checkpoint of C is below {@code h} or above {@code h + L}, where nothing can be executed. */
    CHECKPOINT_OUTSIDE_WINDOW,
    /** P is not strictly increasing by sequence number (out of order, or two entries for one). */
    PREPARED_NOT_SORTED,
    /** A P entry is outside the window {@code (h, h + L]}. */
    PREPARED_OUTSIDE_WINDOW,
    /** A P entry claims a view at or above the new view, which has not started. */
    PREPARED_VIEW_NOT_BELOW_NEW_VIEW,
    /** Q is not strictly increasing by sequence number (out of order, or two entries for one). */
    PRE_PREPARED_NOT_SORTED,
    /** A Q entry is outside the window {@code (h, h + L]}. */
    PRE_PREPARED_OUTSIDE_WINDOW,
    /** A Q entry lists no {@code (d, v)} pair at all. */
    PRE_PREPARED_ENTRY_EMPTY,
    /** A Q entry lists more pairs than {@link ViewChangeValidation#prePreparedDigestsMax}. */
    PRE_PREPARED_ENTRY_TOO_LARGE,
    /** A Q entry lists one digest twice; each digest appears once, with its latest view. */
    PRE_PREPARED_DUPLICATE_DIGEST,
    /** A Q pair claims a view at or above the new view. */
    PRE_PREPARED_VIEW_NOT_BELOW_NEW_VIEW,
    /**
     * A P entry {@code (s, d, v)} without a Q pair {@code (d, v')}, {@code v' >= v}, for {@code s}:
     * a replica that prepared a batch in a view also pre-prepared it there.
     */
    PREPARED_NOT_PRE_PREPARED
}
