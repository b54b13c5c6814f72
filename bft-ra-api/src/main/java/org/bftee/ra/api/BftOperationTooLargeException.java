package org.bftee.ra.api;

/**
 * The operation, or the transaction that would carry it, is larger than the replica group accepts
 * in one request (the group file's {@code limits.request-bytes-max}), so it was refused before it
 * was sent: the group never saw it, and a transaction keeps the operations collected before it.
 */
public class BftOperationTooLargeException extends BftException {

    private static final long serialVersionUID = 1L;

    private final long sizeBytes;
    private final long limitBytes;

    /**
     * @param message what was too large, in a full sentence
     * @param sizeBytes the size of the request that would have been sent
     * @param limitBytes the group's limit
     */
    public BftOperationTooLargeException(String message, long sizeBytes, long limitBytes) {
        super(message);
        this.sizeBytes = sizeBytes;
        this.limitBytes = limitBytes;
    }

    /**
     * @return the size of the request that would have been sent, in bytes
     */
    public long sizeBytes() {
        return sizeBytes;
    }

    /**
     * @return the group's request limit, in bytes
     */
    public long limitBytes() {
        return limitBytes;
    }
}
