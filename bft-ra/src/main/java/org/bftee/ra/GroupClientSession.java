package org.bftee.ra;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.bftee.core.message.Bytes;
import org.bftee.runtime.client.BftClientException;

/**
 * A managed connection's session over the shared {@link org.bftee.runtime.client.BftClient} of its
 * configuration ({@link SharedClients}): invocations go to the client, its failures come back as
 * the documented exceptions ({@link ClientFailures}), and closing gives the lease back.
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
        lease.client().invokeAsync(Bytes.of(operation), readOnly).whenComplete((answer, failure) -> {
            if (failure == null) {
                result.complete(answer.toByteArray());
            } else if (Stages.unwrap(failure) instanceof BftClientException known) {
                result.completeExceptionally(ClientFailures.toApi(known, invokeTimeout));
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
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
