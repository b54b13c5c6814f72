package org.bftee.bench.load;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Targets that misbehave on purpose. */
final class TestTargets {

    private TestTargets() {
    }

    /** Never answers: every invocation stays in flight. */
    static LoadTarget stalling() {
        return new LoadTarget() {
            @Override
            public CompletableFuture<byte[]> invoke(byte[] operation, boolean readOnly) {
                return new CompletableFuture<>();
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Fails every {@code period}-th invocation (every one for 1) with an {@link
     * IllegalStateException}, answers the others at once with the operation.
     */
    static LoadTarget failingEvery(int period) {
        AtomicLong invocations = new AtomicLong();
        return new LoadTarget() {
            @Override
            public CompletableFuture<byte[]> invoke(byte[] operation, boolean readOnly) {
                if (invocations.incrementAndGet() % period == 0) {
                    return CompletableFuture.failedFuture(new IllegalStateException("refused"));
                }
                return CompletableFuture.completedFuture(operation);
            }

            @Override
            public void close() {
            }
        };
    }
}
