package org.bftee.runtime.driver;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one thread that owns a state machine (STYLE rule 10): other threads hand it events through
 * a bounded queue, and it runs them one at a time. A full queue refuses the event and counts it,
 * so a Netty event loop never blocks on a slow owner; the protocol's retransmission recovers what
 * was dropped. After each batch of events (everything queued, up to {@link #BATCH_MAX}) it runs
 * {@code afterBatch}, where the driver flushes the writes the events made, so that writes are
 * coalesced per flush.
 *
 * <p>An exception out of an event is a bug in the state machine (peer input never throws, STYLE
 * rule 3): the loop logs it and stops, fail-stop, rather than go on from a state it cannot trust.
 */
public final class OwnerLoop implements AutoCloseable {

    /** Events run before the writes they made are flushed. */
    static final int BATCH_MAX = 256;

    private static final Logger LOG = System.getLogger(OwnerLoop.class.getName());
    private static final Runnable STOP = () -> { };

    private final String name;
    private final BlockingQueue<Runnable> queue;
    private final Runnable afterBatch;
    private final Thread thread;
    private final LongAdder dropped = new LongAdder();
    private volatile boolean stopped;
    private volatile Throwable failure;

    /**
     * Runs on a daemon thread of its own, which never keeps a JVM alive.
     *
     * @param capacity   the most events waiting at once; more are dropped and counted
     * @param afterBatch run on the owner thread after each batch of events
     */
    public OwnerLoop(String name, int capacity, Runnable afterBatch) {
        this(name, capacity, afterBatch, OwnerLoop::daemonThread);
    }

    /**
     * Runs on a thread made by {@code threads}, for example a container's managed thread factory, so
     * that the container knows the thread and gives it the application's context. The thread is
     * renamed {@code name}, so that logs and thread dumps say which state machine it owns.
     *
     * @param capacity   the most events waiting at once; more are dropped and counted
     * @param afterBatch run on the owner thread after each batch of events
     * @param threads    makes the owner thread, once, unstarted
     */
    public OwnerLoop(String name, int capacity, Runnable afterBatch, ThreadFactory threads) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive, got " + capacity);
        }
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.afterBatch = afterBatch;
        this.thread = threads.newThread(this::run);
        if (thread == null) {
            throw new IllegalStateException("the thread factory for " + name + " refused to make a thread");
        }
        thread.setName(name);
    }

    private static Thread daemonThread(Runnable run) {
        Thread thread = new Thread(run);
        thread.setDaemon(true);
        return thread;
    }

    public void start() {
        thread.start();
    }

    /** Queues {@code event}; false (and counted) when the queue is full or the loop stopped. */
    public boolean offer(Runnable event) {
        if (stopped || !queue.offer(event)) {
            dropped.increment();
            return false;
        }
        return true;
    }

    /** Whether the calling thread is this loop's owner thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Events refused because the queue was full or the loop had stopped. */
    public long dropped() {
        return dropped.sum();
    }

    /** The bug that stopped the loop, or null. */
    public Throwable failure() {
        return failure;
    }

    public boolean isRunning() {
        return thread.isAlive() && !stopped;
    }

    private void run() {
        try {
            while (!stopped) {
                Runnable event = queue.take();
                int ran = 0;
                while (event != null && event != STOP) {
                    event.run();
                    event = ++ran < BATCH_MAX ? queue.poll() : null;
                }
                afterBatch.run();
                if (event == STOP) {
                    stopped = true;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error bug) {
            failure = bug;
            LOG.log(Level.ERROR, name + " stopped: its state machine threw, which is a bug", bug);
        } finally {
            stopped = true;
        }
    }

    /** Stops the loop after the events already queued and waits for its thread, at most {@code timeout}. */
    public void close(Duration timeout) {
        if (!thread.isAlive()) {
            stopped = true;
            return;
        }
        if (!queue.offer(STOP)) {
            stopped = true;
            thread.interrupt();
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return name;
    }

    static long millis(Duration duration) {
        return TimeUnit.NANOSECONDS.toMillis(duration.toNanos());
    }
}
