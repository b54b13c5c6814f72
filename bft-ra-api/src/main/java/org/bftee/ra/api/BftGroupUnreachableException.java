package org.bftee.ra.api;

/**
 * The replica group cannot be reached at all, so the operation was not submitted.
 *
 * <p>This happens when no connection to enough replicas can be established (wrong addresses in the
 * group file, replicas down, a network partition) and when the client runtime that talks to the
 * replicas is not available. Unlike {@link BftTimeoutException}, the caller knows that the group did
 * not receive the operation.
 */
public class BftGroupUnreachableException extends BftException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message why the group is unreachable, in a full sentence
     */
    public BftGroupUnreachableException(String message) {
        super(message);
    }

    /**
     * @param message why the group is unreachable, in a full sentence
     * @param cause the failure that made it unreachable
     */
    public BftGroupUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
