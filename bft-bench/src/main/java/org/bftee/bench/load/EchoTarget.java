package org.bftee.bench.load;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory target that answers each operation with the operation itself, at once or after a
 * fixed delay on a scheduler: a stand-in with a known latency floor, so that the generator can be
 * checked and the tool run end to end without replicas (target {@code echo}).
 */
public final class EchoTarget implements LoadTarget {

    private final Duration delay;
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /** {@code scheduler} runs the delayed completions; it is not used when {@code delay} is zero. */
    public EchoTarget(Duration delay, ScheduledExecutorService scheduler) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the echo delay is not negative, got " + delay);
        }
        this.delay = delay;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Targets that share one scheduler thread, which the factory's {@code close} stops. One thread
     * is enough: it only completes futures.
     */
    public static LoadTargetFactory factory(Duration delay) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "echo-target-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        return new LoadTargetFactory() {
            @Override
            public LoadTarget open(int clientIndex) {
                return new EchoTarget(delay, scheduler);
            }

            @Override
            public void close() {
                scheduler.shutdownNow();
            }
        };
    }

    @Override
    public CompletableFuture<byte[]> invoke(byte[] operation, boolean readOnly) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the echo target is closed"));
        }
        if (delay.isZero()) {
            return CompletableFuture.completedFuture(operation);
        }
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        scheduler.schedule(() -> result.complete(operation), delay.toNanos(), TimeUnit.NANOSECONDS);
        return result;
    }

    @Override
    public void close() {
        closed = true;
    }
}
