package org.bftee.ra.api;

import java.util.OptionalInt;

/**
 * The operations collected in a transaction were not applied, because the transaction was rolled
 * back or one of its operations was not successful.
 *
 * <p>Operations issued inside a transaction are sent to the group as one request at transaction
 * commit, and the replicas apply all of them or none. When this exception is thrown none was
 * applied. If an operation aborted the transaction, {@link #operationIndex()} says which one (0 for
 * the first operation of the transaction) and {@link #resultCode()} what the service answered to
 * it, with the codes of {@link BftOperationRejectedException}.
 */
public class BftTransactionAbortedException extends BftException {

    private static final long serialVersionUID = 1L;
    private static final int NONE = -1;

    private final int operationIndex;
    private final int resultCode;

    /**
     * @param message why the transaction was aborted, in a full sentence
     */
    public BftTransactionAbortedException(String message) {
        this(message, NONE, NONE);
    }

    /**
     * @param message why the transaction was aborted, in a full sentence
     * @param operationIndex the position in the transaction of the operation that aborted it
     * @param resultCode what the service answered to that operation
     */
    public BftTransactionAbortedException(String message, int operationIndex, int resultCode) {
        super(message);
        this.operationIndex = operationIndex;
        this.resultCode = resultCode;
    }

    /**
     * @param message why the transaction was aborted, in a full sentence
     * @param cause the failure that aborted it
     */
    public BftTransactionAbortedException(String message, Throwable cause) {
        super(message, cause);
        this.operationIndex = NONE;
        this.resultCode = NONE;
    }

    /**
     * @return the position of the operation that aborted the transaction, or empty if none did (a
     *         rollback, or a transaction refused as a whole)
     */
    public OptionalInt operationIndex() {
        return operationIndex == NONE ? OptionalInt.empty() : OptionalInt.of(operationIndex);
    }

    /**
     * @return the service's result code for that operation, or empty if no operation aborted it
     */
    public OptionalInt resultCode() {
        return resultCode == NONE ? OptionalInt.empty() : OptionalInt.of(resultCode);
    }
}
