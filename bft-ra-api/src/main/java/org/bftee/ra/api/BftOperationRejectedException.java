package org.bftee.ra.api;

/**
 * The group agreed that the service refused the operation, for example because the client principal
 * may not perform it, it would break an invariant of the service, or the operation is malformed.
 *
 * <p>The refusal itself is an agreed result: the replicas executed the operation deterministically
 * and the service returned a non-success result code, which {@link #resultCode()} carries and
 * {@link #resultName()} names. Its meaning is defined by the service (the shipped services share
 * one list: {@code MALFORMED} 1, {@code FORBIDDEN} 2, {@code NOT_FOUND} 3, {@code CONFLICT} 4,
 * {@code FULL} 5, {@code TOO_LARGE} 6, {@code INVALID_ARGUMENT} 7, {@code INSUFFICIENT_FUNDS} 8,
 * {@code OVERFLOW} 9, {@code SERVICE_FAILURE} 127).
 *
 * <p>One case is not the group's answer: {@link #REFUSED_BY_CLIENT}, when the adapter's own client
 * had too many calls waiting and refused this one before sending it.
 */
public class BftOperationRejectedException extends BftException {

    private static final long serialVersionUID = 1L;

    /** The {@link #resultCode()} of an operation that the adapter refused before sending it (overload). */
    public static final int REFUSED_BY_CLIENT = -1;

    private final int resultCode;
    private final String resultName;

    /**
     * @param message why the service refused the operation, in a full sentence
     * @param resultCode the result code returned by the service
     */
    public BftOperationRejectedException(String message, int resultCode) {
        this(message, resultCode, String.valueOf(resultCode));
    }

    /**
     * @param message why the service refused the operation, in a full sentence
     * @param resultCode the result code returned by the service
     * @param resultName the name of that code, for example {@code INSUFFICIENT_FUNDS}
     */
    public BftOperationRejectedException(String message, int resultCode, String resultName) {
        super(message);
        this.resultCode = resultCode;
        this.resultName = resultName;
    }

    /**
     * @return the result code returned by the service, as the service defines it
     */
    public int resultCode() {
        return resultCode;
    }

    /**
     * @return the name of the result code, or the code as text if the adapter does not know it
     */
    public String resultName() {
        return resultName;
    }
}
