package org.bftee.ra.api;

import jakarta.resource.ResourceException;
import java.util.concurrent.CompletionStage;

/**
 * An application's handle on a session with the replica group: operations go in as bytes and their
 * agreed results come back as bytes.
 *
 * <p>A result is returned only once enough replicas agree on it that at most {@code f} faulty
 * replicas cannot have produced it. The encoding of operations belongs to the service that the group
 * runs; every result starts with the service's result code, and the handle returns the rest (the
 * payload) of a successful one and throws {@link BftOperationRejectedException} for any other.
 * {@link #kv()} and {@link #bank()} encode the operations of the shipped services for you, for a
 * group that runs both side by side (the replicas' default; a group running one service alone
 * answers them as malformed). A handle
 * is used by one thread at a time, like a JDBC connection, and must be closed, best with
 * try-with-resources.
 *
 * <h2>Transactions</h2>
 * Inside a transaction (a container-managed JTA transaction, or one begun with
 * {@link #localTransaction()}) nothing is sent when an operation is invoked: the operations are
 * collected, in order, and sent at transaction commit as one request that the replicas execute
 * atomically. Either all of them apply or none does: an operation whose result is not successful
 * (including a {@code get} of a missing key, or a compare-and-set that finds another value) aborts
 * the whole transaction and the service state is left as it was. A rollback sends nothing.
 * <ul>
 *   <li>Use {@link #invokeAsync} (or the {@code …Async} methods of the typed helpers) inside a
 *       transaction: the stage it returns completes after the transaction commits, with that
 *       operation's result, or exceptionally with {@link BftTransactionAbortedException} if the
 *       transaction aborts or rolls back (or with the failure of the commit, for example a
 *       {@link BftTimeoutException}, after which the outcome is unknown).</li>
 *   <li>The blocking {@link #invoke} and {@link #invokeReadOnly} fail at once inside a transaction,
 *       with a {@link ResourceException} that says to use {@code invokeAsync}: they would wait for a
 *       commit that cannot happen before they return. Enterprise beans run in a container-managed
 *       transaction unless told otherwise ({@code REQUIRED} is the default), so a bean that wants
 *       each call applied and answered at once uses {@code @TransactionAttribute(NOT_SUPPORTED)}
 *       (or {@code NEVER}); one that wants its calls applied together keeps the transaction and
 *       reads the results from the stages after the bean method returns and the container
 *       committed.</li>
 *   <li>Read-only operations inside a transaction are collected like the others and executed in
 *       order within the atomic request, so they see the writes of the operations before them in
 *       the same transaction.</li>
 *   <li>A transaction holds at most 64 operations, and its request at most the group's
 *       request-bytes limit; an operation beyond either is refused at once and the transaction
 *       keeps the operations collected before it.</li>
 * </ul>
 */
public interface BftConnection extends AutoCloseable {

    /**
     * Submits an operation that the replicas order and execute, and waits for the agreed result.
     *
     * @param operation the service operation, encoded as the service defines; not {@code null}
     * @return the payload of the successful result agreed by the replica group
     * @throws BftTimeoutException if no agreed result arrived within the configured invoke timeout
     * @throws BftGroupUnreachableException if the replica group cannot be reached at all
     * @throws BftConflictingRepliesException if the replies disagree in a way that more than
     *         {@code f} faulty replicas would explain
     * @throws BftOperationRejectedException if the service refused the operation
     * @throws BftOperationTooLargeException if the operation is above the group's request limit;
     *         it was not sent
     * @throws ResourceException if the handle is closed or was invalidated by the application
     *         server, or a transaction is active (use {@link #invokeAsync})
     */
    byte[] invoke(byte[] operation) throws ResourceException;

    /**
     * Submits an operation that does not modify the service state, using the read-only optimisation:
     * replicas execute it at once without ordering it, and the client falls back to an ordered
     * invocation if the replies do not agree. The service decides what counts as read-only; an
     * operation that would modify state is rejected.
     *
     * @param operation the service operation, encoded as the service defines; not {@code null}
     * @return the payload of the successful result agreed by the replica group
     * @throws ResourceException as for {@link #invoke(byte[])}
     */
    byte[] invokeReadOnly(byte[] operation) throws ResourceException;

    /**
     * Submits an operation without waiting: outside a transaction it is sent at once, inside one it
     * is collected and sent at transaction commit (see the class documentation).
     *
     * @param operation the service operation, encoded as the service defines; not {@code null}
     * @return completes with the payload of the successful result, or exceptionally with one of the
     *         {@link BftException} subclasses that {@link #invoke} throws (and
     *         {@link BftTransactionAbortedException} inside a transaction that did not commit)
     * @throws BftOperationTooLargeException if the operation, or the transaction with it, is above
     *         the group's request limit; nothing was sent or collected
     * @throws ResourceException if the handle is closed or invalidated, or the transaction already
     *         holds its maximum of operations
     */
    CompletionStage<byte[]> invokeAsync(byte[] operation) throws ResourceException;

    /**
     * {@link #invokeReadOnly} without waiting; inside a transaction, collected like
     * {@link #invokeAsync}.
     *
     * @param operation the service operation, encoded as the service defines; not {@code null}
     * @return as for {@link #invokeAsync}
     * @throws ResourceException as for {@link #invokeAsync}
     */
    CompletionStage<byte[]> invokeReadOnlyAsync(byte[] operation) throws ResourceException;

    /**
     * @return the operations of the shipped key-value store, on this handle
     */
    BftKeyValueStore kv();

    /**
     * @return the operations of the shipped bank ledger, on this handle
     */
    BftBankLedger bank();

    /**
     * Application-level demarcation of a local transaction, for code that runs without a JTA
     * transaction (in a container-managed transaction the container demarcates it). It belongs to
     * the physical session under this handle; the application server is told when it begins, commits
     * and rolls back.
     *
     * @return the transaction demarcation of this handle
     * @throws ResourceException if the handle is closed or invalidated
     */
    BftLocalTransaction localTransaction() throws ResourceException;

    /**
     * Gives the handle back to the application server. Closing a closed handle does nothing.
     *
     * @throws ResourceException if the adapter fails to release the handle
     */
    @Override
    void close() throws ResourceException;
}
