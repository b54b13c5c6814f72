package org.bftee.bench.load;

import java.util.concurrent.CompletableFuture;

/**
 * What the load generator drives: one client session of a replicated service. This is the seam
 * between the generator and a transport; the generator knows nothing else about the system under
 * test.
 *
 * <p>The generator calls {@link #invoke} from one thread at a time per target in a closed loop, and
 * from its single sender thread in an open loop, where many invocations of one target are
 * outstanding at once. The future may complete on any thread. The generator never modifies the
 * operation array and shares it between invocations, so a target must not modify it either.
 */
public interface LoadTarget extends AutoCloseable {

    /**
     * Sends {@code operation} and completes with the service's result, or exceptionally with the
     * failure (the generator counts failures by exception class). {@code readOnly} asks for the
     * read-only path of the protocol.
     */
    CompletableFuture<byte[]> invoke(byte[] operation, boolean readOnly);

    /**
     * Ends the session. Declares no checked exception: a target that waits while closing and is
     * interrupted restores the interrupt flag and returns; one that fails throws unchecked, and the
     * generator reports it without failing the run.
     */
    @Override
    void close();
}
