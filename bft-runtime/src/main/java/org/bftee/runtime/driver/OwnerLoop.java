package org.bftee.runtime.driver;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
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
public final class OwnerLoop implements Owner, AutoCloseable {

    /** Events run before the writes they made are flushed. */
    static final int BATCH_MAX = 256;

    private static final Logger LOG = System.getLogger(OwnerLoop.class.getName());
    private static final Runnable STOP = () -> { };

    private final String name;
    private final BlockingQueue<Runnable> queue;
    private final Runnable afterBatch;
    private final Executor threads;
    private final LongAdder dropped = new LongAdder();
    private final CountDownLatch finished = new CountDownLatch(1);
    /** The owner thread, once the loop runs; set by that thread itself. */
    private volatile Thread thread;
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile Throwable failure;

    /**
     * Runs on a daemon thread of its own, named {@code name}.
     *
     * @param capacity   the most events waiting at once; more are dropped and counted
     * @param afterBatch run on the owner thread after each batch of events
     */
    public OwnerLoop(String name, int capacity, Runnable afterBatch) {
        this(name, capacity, afterBatch, ownThread(name));
    }

    /**
     * Runs as one long-lived task of {@code threads} (for a container that hands out its own
     * threads), which holds that thread until {@link #close()}.
     */
    public OwnerLoop(String name, int capacity, Runnable afterBatch, Executor threads) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive, got " + capacity);
        }
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.afterBatch = afterBatch;
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    private static Executor ownThread(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** Starts the owner thread; at most once. */
    public void start() {
        if (started) {
            throw new IllegalStateException(name + " was already started");
        }
        started = true;
        threads.execute(this::run);
    }

    @Override
    public boolean offer(Runnable event) {
        if (stopped || !queue.offer(event)) {
            dropped.increment();
            return false;
        }
        return true;
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public boolean isRunning() {
        return started && finished.getCount() > 0 && !stopped;
    }

    private void run() {
        thread = Thread.currentThread();
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
            thread = null;
            finished.countDown();
        }
    }

    /** Stops the loop after the events already queued and waits for its thread, at most {@code timeout}. */
    public void close(Duration timeout) {
        if (!started || finished.getCount() == 0) {
            stopped = true;
            return;
        }
        if (!queue.offer(STOP)) {
            stopped = true;
            interruptOwner();
        }
        try {
            if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                interruptOwner();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void interruptOwner() {
        Thread owner = thread;
        if (owner != null) {
            owner.interrupt();
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
