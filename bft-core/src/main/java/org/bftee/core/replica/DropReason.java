package org.bftee.core.replica;

/**
 * Why a replica dropped a message or request without acting on it. Bad input from peers and
 * clients is never an error of the replica: it is counted under one of these and ignored.
 */
public enum DropReason {
    /** The client principal has no session key at this replica: not a member of the group. */
    UNKNOWN_CLIENT,
    /** The lane number is not below the group's lanes-per-client maximum. */
    LANE_OVER_LIMIT,
    /** The request's authenticator has no valid entry for this replica. */
    REQUEST_NOT_AUTHENTIC,
    /** The operation is larger than the group's request-bytes-max. */
    REQUEST_TOO_LARGE,
    /** A timestamp older than the last one executed on that lane: a replay. */
    OLD_TIMESTAMP,
    /** Signed requests (recovery requests) are not accepted by this version. */
    SIGNED_REQUEST_UNSUPPORTED,
    /** A read-only request whose operation the service says writes. */
    READ_ONLY_REQUEST_WRITES,
    /** The primary's queue of pending requests is full; the client will retransmit. */
    PENDING_QUEUE_FULL,
    /** The store of large request bodies is full. */
    REQUEST_STORE_FULL,
    /** The client principal already has its maximum of stored, not yet executed request bodies. */
    CLIENT_BODIES_OVER_LIMIT,
    /** A PREPARE or COMMIT that differs from the one the same replica already sent for that view and sequence number. */
    CONFLICTING_VOTE,
    /** A pre-prepare from a replica that is not the primary of its view. */
    NOT_FROM_PRIMARY,
    /** A message for another view than the current one. */
    WRONG_VIEW,
    /** A sequence number outside the water marks. */
    OUTSIDE_WATER_MARKS,
    /** A second, different pre-prepare for a view and sequence number already pre-prepared. */
    CONFLICTING_PRE_PREPARE,
    /** The primary's proposed time is too far from this replica's clock or goes backwards. */
    NON_DETERMINISM_REJECTED,
    /** A batch with more requests or bytes than the limits allow, or a malformed entry. */
    MALFORMED_BATCH,
    /** A PREPARE from the primary of its view (the primary never prepares). */
    PREPARE_FROM_PRIMARY,
    /** A vote older than one already recorded from the same replica. */
    STALE_VOTE,
    /** A checkpoint for a sequence number that is not a checkpoint, or outside the window. */
    BAD_CHECKPOINT,
    /** A message from a principal that may not send it (a client sending a replica message, say). */
    WRONG_SENDER_ROLE,
    /** A message type that this version of the replica does not handle yet. */
    UNHANDLED_TYPE
}
