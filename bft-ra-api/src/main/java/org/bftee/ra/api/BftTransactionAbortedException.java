package org.bftee.ra.api;

/**
 * The operations collected in a transaction were not applied, because the transaction was rolled
 * back or the replicas refused the atomic request that carried them.
 *
 * <p>Operations issued inside a transaction are sent to the group as one request at transaction
 * commit, and the replicas apply all of them or none. When this exception is thrown none was applied.
 * The resource adapter of this release declares no transaction support and does not throw it yet.
 */
public class BftTransactionAbortedException extends BftException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message why the transaction was aborted, in a full sentence
     */
    public BftTransactionAbortedException(String message) {
        super(message);
    }

    /**
     * @param message why the transaction was aborted, in a full sentence
     * @param cause the failure that aborted it
     */
    public BftTransactionAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
