package org.bftee.core.service;

import org.bftee.core.message.Bytes;

/**
 * What a service knows about one invocation besides the operation. Every field is agreed by the
 * replicas (or, for a read-only request, the same at every replica that executes it), so that a
 * deterministic service computes the same result everywhere.
 *
 * @param clientPrincipal  the authenticated client principal; services base access control on it
 * @param lane             the principal's lane the request came on (not an identity: all lanes of a
 *                         principal have the same rights)
 * @param timestamp        the request's timestamp on that lane
 * @param readOnly         the request was sent as read-only and runs unordered on the tentative state;
 *                         the service must not write (the replica gives it a view that throws)
 * @param agreedTimeMillis the time proposed by the primary in the pre-prepare and checked by the
 *                         backups (milliseconds since the epoch); for a read-only request, the agreed
 *                         time of the last executed batch. Services use it instead of a clock.
 * @param sequence         the sequence number of the batch being executed; for a read-only request,
 *                         the last executed one
 * @param nonDeterministicChoices the service's own choices for the batch, proposed by the primary
 *                         ({@link Service#proposeNonDeterministicChoices}) and accepted by the backups;
 *                         empty for a read-only request
 */
public record InvocationContext(int clientPrincipal, int lane, long timestamp, boolean readOnly,
                                long agreedTimeMillis, long sequence, Bytes nonDeterministicChoices) {

    /** A context without service choices. */
    public InvocationContext(int clientPrincipal, int lane, long timestamp, boolean readOnly, long agreedTimeMillis,
                             long sequence) {
        this(clientPrincipal, lane, timestamp, readOnly, agreedTimeMillis, sequence, Bytes.EMPTY);
    }

    public InvocationContext {
        if (clientPrincipal < 0 || lane < 0 || timestamp < 0 || sequence < 0) {
            throw new IllegalArgumentException("negative principal, lane, timestamp or sequence: " + clientPrincipal
                    + ", " + lane + ", " + timestamp + ", " + sequence);
        }
        java.util.Objects.requireNonNull(nonDeterministicChoices, "nonDeterministicChoices");
    }
}
