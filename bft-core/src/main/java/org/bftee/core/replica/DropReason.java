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
    /**
     * A read-only request at a replica restarted from its durable log that has not yet executed
     * again what it may have executed before (its answer could be older than one it gave then);
     * the client falls back to a read-write request.
     */
    READ_ONLY_BEFORE_CAUGHT_UP,
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
    /** A normal-case message for the view this replica is changing to, before its NEW-VIEW was accepted. */
    VIEW_CHANGE_IN_PROGRESS,
    /** A VIEW-CHANGE that is not well formed ({@link org.bftee.core.viewchange.ViewChangeValidation}): its sender is faulty. */
    MALFORMED_VIEW_CHANGE,
    /** A VIEW-CHANGE for a view below the sender's latest one, or below this replica's view. */
    STALE_VIEW_CHANGE,
    /** A second, different VIEW-CHANGE from one replica for one view: its sender is faulty. */
    CONFLICTING_VIEW_CHANGE,
    /** A VIEW-CHANGE forwarded by a replica other than its author that no pending NEW-VIEW names. */
    UNSOLICITED_VIEW_CHANGE,
    /** A VIEW-CHANGE-ACK sent to a replica that is not the primary of its view, or naming no replica of the group. */
    MISDIRECTED_VIEW_CHANGE_ACK,
    /** A NEW-VIEW from a replica that is not the primary of its view. */
    NEW_VIEW_NOT_FROM_PRIMARY,
    /** A NEW-VIEW for a view already installed or left. */
    STALE_NEW_VIEW,
    /** A NEW-VIEW whose decision differs from the one the decision procedure gives over the messages it names. */
    BAD_NEW_VIEW,
    /** A batch of an earlier view that no NEW-VIEW decision and no pending decision of this replica needs. */
    UNWANTED_BATCH,
    /** A CHECKPOINT at or below the stable checkpoint: the sender is behind, which STATUS repairs. */
    STALE_CHECKPOINT,
    /** A FETCH for a checkpoint this replica no longer (or not yet) holds: the fetcher moves to a newer one. */
    FETCH_CHECKPOINT_NOT_HELD,
    /** A FETCH naming a node that is not in the partition tree, or a fetcher that is not its sender. */
    MALFORMED_FETCH,
    /** A META-DATA or DATA this replica is not waiting for (not fetching, another checkpoint, already fetched). */
    UNWANTED_STATE,
    /** A META-DATA or DATA whose content does not give the certified digest: a lying or broken replier. */
    WRONG_STATE_DIGEST,
    /** A META-DATA or DATA of the wrong shape (children missing or misplaced, a value over the object limit). */
    MALFORMED_STATE,
    /** A REPLY-STABLE this replica did not ask for (not recovering, another nonce), or a QUERY-STABLE in another's name. */
    UNWANTED_RECOVERY_MESSAGE,
    /** A message type that this version of the replica does not handle yet. */
    UNHANDLED_TYPE
}
