package org.bftee.core.client;

/** How the group handles an operation: ordered by the protocol, or executed at once on the replicas' state. */
public enum OperationKind {

    /** Ordered by the three-phase protocol; may change the service state. */
    READ_WRITE,

    /**
     * Multicast and executed at once by each replica on its tentative state, without ordering
     * (the read-only optimization). The service must not change state for it; the client falls
     * back to {@link #READ_WRITE} when it cannot collect {@code 2f + 1} matching replies.
     */
    READ_ONLY
}
