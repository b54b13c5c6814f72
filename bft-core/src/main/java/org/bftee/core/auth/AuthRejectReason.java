package org.bftee.core.auth;

/**
 * Why a {@link FrameOpener} refused a frame. Every way peer input can fail has a name here, so
 * that each is counted on its own ({@link AuthRejectionCounters}) and none reaches an assertion.
 */
public enum AuthRejectReason {

    /** The codec refused the frame; the codec's own {@link org.bftee.core.codec.RejectReason} says why. */
    UNDECODABLE,

    /** The header names a principal that is not in the group, or the receiver itself. */
    UNKNOWN_SENDER,

    /**
     * The trailer does not have the shape the message type needs in this group: an authenticator
     * without exactly {@code n} entries, or tags of another length than the group's. (A trailer
     * missing altogether is already refused by the codec, as {@code BAD_TRAILER}.)
     */
    WRONG_TRAILER_SHAPE,

    /** The receiver holds no in-key for the sender ({@link org.bftee.core.crypto.Verification#NO_KEY}). */
    MAC_NO_KEY,

    /** The tag is valid only under a retired key ({@link org.bftee.core.crypto.Verification#STALE_KEY}). */
    MAC_STALE_KEY,

    /** The tag matches no key ({@link org.bftee.core.crypto.Verification#FORGED}): corruption or forgery. */
    MAC_FORGED,

    /**
     * The authenticator cannot be checked by this receiver
     * ({@link org.bftee.core.crypto.Verification#MALFORMED}), for example a multicast authenticator
     * arriving at a client, which has no entry in it.
     */
    MAC_MALFORMED,

    /** A message only replicas send (agreement, checkpoints, view change, state transfer) from a client. */
    NOT_FROM_A_REPLICA,

    /**
     * The record names another author than the frame's authenticated sender (for example
     * {@code Prepare.replica} is 1 in a frame from 2): a replica can only ever speak as itself.
     */
    SENDER_MISMATCH,

    /** A REQUEST from a client principal on behalf of another client: a client can only act as itself. */
    CLIENT_MISMATCH,

    /** A PRE-PREPARE or NEW-VIEW from a replica that is not the primary of the view it names. */
    NOT_PRIMARY
}
