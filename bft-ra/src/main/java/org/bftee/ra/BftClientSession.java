package org.bftee.ra;

import java.util.concurrent.CompletableFuture;
import org.bftee.ra.api.BftException;

/**
 * One managed connection's physical session with the replica group.
 *
 * <p>The returned future completes with the agreed result as the service encoded it (first byte a
 * result code), or exceptionally with a documented {@link BftException} subclass (timeout,
 * unreachable group, conflicting replies, refused by the client), after which the session is still
 * usable. Any other failure, thrown or in the future, means the session itself is broken: the
 * managed connection then signals a connection error so that the application server discards it.
 */
interface BftClientSession {

    /**
     * @param operation the service operation, at most {@link #requestBytesMax()} bytes
     * @param readOnly whether to use the read-only optimisation
     * @return the agreed result, or a documented failure
     */
    CompletableFuture<byte[]> invokeAsync(byte[] operation, boolean readOnly);

    /** @return the largest request the group accepts, in bytes (the group file's request-bytes-max) */
    int requestBytesMax();

    /** Releases the session's resources; calling it again does nothing. */
    void close();
}
