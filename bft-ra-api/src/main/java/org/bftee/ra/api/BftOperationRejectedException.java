package org.bftee.ra.api;

/**
 * The group agreed that the service refused the operation, for example because the client principal
 * may not perform it, it would break an invariant of the service, or the operation is malformed.
 *
 * <p>The refusal itself is an agreed result: the replicas executed the operation deterministically
 * and the service returned a non-success result code, which {@link #resultCode()} carries. Its
 * meaning is defined by the service.
 */
public class BftOperationRejectedException extends BftException {

    private static final long serialVersionUID = 1L;

    private final int resultCode;

    /**
     * @param message why the service refused the operation, in a full sentence
     * @param resultCode the result code returned by the service
     */
    public BftOperationRejectedException(String message, int resultCode) {
        super(message);
        this.resultCode = resultCode;
    }

    /**
     * @return the result code returned by the service, as the service defines it
     */
    public int resultCode() {
        return resultCode;
    }
}
