package org.bftee.ra.api;

/**
 * The replies of the replicas disagree in a way that at most {@code f} faulty replicas cannot
 * explain, so the client cannot tell which result is correct.
 *
 * <p>The safety guarantee of the group holds only while at most {@code f} of its {@code n = 3f + 1}
 * replicas are faulty. This exception means that assumption is broken: more than {@code f} replicas
 * are faulty or compromised. Operators must be alerted; retrying does not help.
 */
public class BftConflictingRepliesException extends BftException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which replies disagreed, in a full sentence
     */
    public BftConflictingRepliesException(String message) {
        super(message);
    }
}
