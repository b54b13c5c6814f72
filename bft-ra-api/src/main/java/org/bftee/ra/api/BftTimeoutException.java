package org.bftee.ra.api;

/**
 * No agreed result arrived within the invoke timeout of the connection factory
 * ({@code invokeTimeoutMillis}).
 *
 * <p>The group may still execute the operation after the client gave up, so a caller that retries a
 * non-idempotent operation must be prepared to find it already applied. Timeouts happen when too many
 * replicas are slow or down for a quorum, or while the group changes views.
 */
public class BftTimeoutException extends BftException {

    private static final long serialVersionUID = 1L;

    private final long timeoutMillis;

    /**
     * @param message what timed out, in a full sentence
     * @param timeoutMillis the timeout that expired, in milliseconds
     */
    public BftTimeoutException(String message, long timeoutMillis) {
        super(message);
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * @return the timeout that expired, in milliseconds
     */
    public long timeoutMillis() {
        return timeoutMillis;
    }
}
