package org.bftee.ra.api;

import jakarta.resource.ResourceException;

/**
 * Demarcates a local transaction on a {@link BftConnection} when the application, not the
 * container, does it (the counterpart of {@code jakarta.resource.cci.LocalTransaction}). Operations
 * invoked between {@link #begin()} and {@link #commit()} are sent at commit as one atomic request;
 * see "Transactions" in {@link BftConnection}.
 */
public interface BftLocalTransaction {

    /**
     * Starts collecting operations.
     *
     * @throws ResourceException if a transaction is already active on this connection
     */
    void begin() throws ResourceException;

    /**
     * Sends the collected operations as one request and waits until the group executed them all or
     * none; the stages of the operations complete before it returns. With no operations collected,
     * nothing is sent.
     *
     * @throws BftTransactionAbortedException if an operation was not successful, so none applied
     * @throws BftTimeoutException if no agreed outcome arrived in time: the transaction may still
     *         apply, entirely or not at all
     * @throws ResourceException if no transaction is active, or for the failures of
     *         {@link BftConnection#invoke}
     */
    void commit() throws ResourceException;

    /**
     * Discards the collected operations; nothing is sent, and their stages complete exceptionally
     * with {@link BftTransactionAbortedException}.
     *
     * @throws ResourceException if no transaction is active
     */
    void rollback() throws ResourceException;
}
