package org.bftee.ra.api;

/**
 * The replica group cannot be reached at all, so the operation was not submitted.
 *
 * <p>This happens when no session with enough replicas can be established (wrong addresses in the
 * group file, replicas down, a network partition, this client missing from the replicas' group
 * file), typically when a connection is requested, and when the session closes (the adapter is
 * stopping). Unlike {@link BftTimeoutException}, the group did not receive the operation, except
 * when the session closed while the operation was outstanding: then its outcome is unknown.
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
