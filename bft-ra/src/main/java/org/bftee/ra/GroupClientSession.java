package org.bftee.ra;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.bftee.core.message.Bytes;
import org.bftee.runtime.client.BftClientException;

/**
 * A managed connection's session over the shared {@link org.bftee.runtime.client.BftClient} of its
 * configuration ({@link SharedClients}): invocations go to the client, its failures come back as
 * the documented exceptions ({@link ClientFailures}), and closing gives the lease back.
 *
 * <p>The client completes its futures on the session's owner thread, which every lane of the
 * principal shares. An application's stage continuations must not run there (one that blocks
 * would stall every call), so results are handed over on the adapter's callback executor; if that
 * refuses (the adapter is stopping), on the owner thread after all, since a stage that never
 * completes would be worse.
 */
final class GroupClientSession implements BftClientSession {

    private final SharedClients.Lease lease;
    private final Duration invokeTimeout;

    GroupClientSession(SharedClients.Lease lease, Duration invokeTimeout) {
        this.lease = lease;
        this.invokeTimeout = invokeTimeout;
    }

    @Override
    public CompletableFuture<byte[]> invokeAsync(byte[] operation, boolean readOnly) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        lease.client().invokeAsync(Bytes.of(operation), readOnly).whenCompleteAsync((answer, failure) -> {
            if (failure == null) {
                result.complete(answer.toByteArray());
            } else if (Stages.unwrap(failure) instanceof BftClientException known) {
                result.completeExceptionally(ClientFailures.toApi(known, invokeTimeout));
            } else {
                result.completeExceptionally(failure);
            }
        }, this::handOver);
        return result;
    }

    private void handOver(Runnable completion) {
        try {
            lease.callbacks().execute(completion);
        } catch (RejectedExecutionException refused) {
            completion.run();
        }
    }

    @Override
    public int requestBytesMax() {
        return lease.requestBytesMax();
    }

    @Override
    public void close() {
        lease.release();
    }
}
