package org.bftee.core.service;

import java.util.Optional;

/**
 * The status of an operation's result: the first byte of every result a shipped service returns
 * (see {@link ServiceResult}). Codes are part of the wire contract with clients: never renumber one.
 */
public enum ResultCode {

    /** The operation was executed; the payload is its answer. */
    OK(0),
    /** The operation bytes do not decode; nothing changed. */
    MALFORMED(1),
    /** The calling principal may not do this (or a write was attempted in a read-only request). */
    FORBIDDEN(2),
    /** The key or account does not exist. */
    NOT_FOUND(3),
    /** The state is not as the operation expected: compare-and-set mismatch, account already open. */
    CONFLICT(4),
    /** The object (bucket) that would hold the data has no room left. */
    FULL(5),
    /** A key, value or other field exceeds the service's named limit. */
    TOO_LARGE(6),
    /** An argument is out of its domain, for example a non-positive amount. */
    INVALID_ARGUMENT(7),
    /** A transfer would overdraw the source account. */
    INSUFFICIENT_FUNDS(8),
    /** An arithmetic result would not fit its type. */
    OVERFLOW(9),
    /**
     * A transaction envelope ({@link TransactionEnvelope}) was not applied because one of its
     * operations did not answer {@code OK}; the payload says which one and what it answered (see
     * {@link TransactionResult}). Set by {@link ServiceInvoker}, never by a service.
     */
    TRANSACTION_ABORTED(10),
    /**
     * The service threw or broke its contract; its writes were undone. Set by the replica through
     * {@link ServiceInvoker}, never by a service: it reveals a service bug.
     */
    SERVICE_FAILURE(127);

    private static final ResultCode[] BY_CODE = new ResultCode[128];

    static {
        for (ResultCode value : values()) {
            BY_CODE[value.code] = value;
        }
    }

    private final byte code;

    ResultCode(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The status with wire code {@code code}, or empty for an unknown one. */
    public static Optional<ResultCode> fromCode(byte code) {
        return code >= 0 ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
