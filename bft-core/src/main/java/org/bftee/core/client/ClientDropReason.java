package org.bftee.core.client;

/**
 * Why a {@link ClientCore} dropped a message. Input from replicas is never trusted: a message that
 * fails a check is dropped with one of these reasons and counted in {@link ClientCounters}, and
 * changes nothing else. Malformed replies (a {@code DIGEST_ONLY} reply whose digest is not
 * {@code Digest.LENGTH} bytes, unknown flags) cannot reach the core: the codec rejects them and the
 * {@code Reply} record cannot hold them.
 */
public enum ClientDropReason {

    /** Not a REPLY: a client core handles nothing else (the driver routes NEW-KEY to key management). */
    NOT_A_REPLY,

    /** The authenticated sender is not a replica of the group ({@code 0..n-1}). */
    SENDER_NOT_A_REPLICA,

    /** The reply names another replica than its authenticated sender: a replica may only speak for itself. */
    REPLICA_NOT_SENDER,

    /** The reply is addressed to another client principal. */
    OTHER_CLIENT,

    /** The reply names a lane this principal does not have. */
    UNKNOWN_LANE,

    /** A late reply for a request that already completed, was cancelled or was replaced by its fallback. */
    OLD_TIMESTAMP,

    /** A reply for a timestamp this lane has not issued yet: no correct replica sends one. */
    FUTURE_TIMESTAMP,

    /** A full result larger than {@code ProtocolLimits.replyBytesMax()}. */
    RESULT_TOO_LARGE,

    /**
     * Older than what the replica already said about the request: a tentative reply after its
     * committed one, or a reply from an earlier view. Committed replies are final, so a reordered
     * network must not downgrade them.
     */
    SUPERSEDED,

    /** Says nothing new: the same vote the replica already cast, and no full result the core lacks. */
    DUPLICATE
}
