package org.bftee.ra.api;

import jakarta.resource.ResourceException;

/**
 * An application's handle on a session with the replica group: operations go in as bytes and their
 * agreed results come back as bytes.
 *
 * <p>A result is returned only once enough replicas agree on it that at most {@code f} faulty
 * replicas cannot have produced it; the encoding of operations and results belongs to the service
 * that the group runs. A handle is used by one thread at a time, like a JDBC connection, and must be
 * closed, best with try-with-resources.
 */
public interface BftConnection extends AutoCloseable {

    /**
     * Submits an operation that the replicas order and execute, and waits for the agreed result.
     *
     * @param operation the service operation, encoded as the service defines; not {@code null}
     * @return the result agreed by the replica group
     * @throws BftTimeoutException if no agreed result arrived within the configured invoke timeout
     * @throws BftGroupUnreachableException if the replica group cannot be reached at all
     * @throws BftConflictingRepliesException if the replies disagree in a way that more than
     *         {@code f} faulty replicas would explain
     * @throws BftOperationRejectedException if the service refused the operation
     * @throws BftTransactionAbortedException if the operation belonged to a transaction that aborted
     * @throws ResourceException if the handle is closed or was invalidated by the application server
     */
    byte[] invoke(byte[] operation) throws ResourceException;

    /**
     * Submits an operation that does not modify the service state, using the read-only optimisation:
     * replicas execute it at once without ordering it, and the client falls back to an ordered
     * invocation if the replies do not agree. The service decides what counts as read-only; an
     * operation that would modify state is rejected.
     *
     * @param operation the service operation, encoded as the service defines; not {@code null}
     * @return the result agreed by the replica group
     * @throws ResourceException as for {@link #invoke(byte[])}
     */
    byte[] invokeReadOnly(byte[] operation) throws ResourceException;

    /**
     * Gives the handle back to the application server. Closing a closed handle does nothing.
     *
     * @throws ResourceException if the adapter fails to release the handle
     */
    @Override
    void close() throws ResourceException;
}
