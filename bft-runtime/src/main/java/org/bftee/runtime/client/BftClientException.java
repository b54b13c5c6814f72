package org.bftee.runtime.client;

/**
 * Why a {@link BftClient} invocation failed. Each subclass is one cause an application handles
 * differently; the message says what happened and what the caller can do.
 */
public class BftClientException extends Exception {

    private static final long serialVersionUID = 1L;

    public BftClientException(String message) {
        super(message);
    }

    /** The group did not answer within the call's timeout; the operation may still execute. */
    public static final class Timeout extends BftClientException {
        private static final long serialVersionUID = 1L;

        public Timeout(String message) {
            super(message);
        }
    }

    /** Too few replicas could be reached (or keyed) to get a certified answer. */
    public static final class GroupUnreachable extends BftClientException {
        private static final long serialVersionUID = 1L;

        public GroupUnreachable(String message) {
            super(message);
        }
    }

    /** The replies prove more than {@code f} replicas faulty: no result can be trusted. */
    public static final class ConflictingReplies extends BftClientException {
        private static final long serialVersionUID = 1L;

        public ConflictingReplies(String message) {
            super(message);
        }
    }

    /** The operation was refused before it was sent (too large) or the client is overloaded. */
    public static final class OperationRejected extends BftClientException {
        private static final long serialVersionUID = 1L;

        public OperationRejected(String message) {
            super(message);
        }
    }
}
