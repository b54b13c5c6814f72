package org.bftee.runtime.net;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A {@link FrameSink} that queues what it receives, for a test thread to take with a deadline. */
final class Inbox implements FrameSink {

    static final Duration WAIT_MAX = Duration.ofSeconds(3);

    record Received(FrameConnection from, ByteBuffer frame) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    @Override
    public void onFrame(FrameConnection from, ByteBuffer frame) {
        received.add(new Received(from, frame));
    }

    Received take() throws InterruptedException {
        Received next = received.poll(WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(next, "no frame arrived within " + WAIT_MAX);
        return next;
    }

    boolean isEmpty() {
        return received.isEmpty();
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@link #WAIT_MAX}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }
}
