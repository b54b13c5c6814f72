package org.bftee.runtime.driver;

import io.netty.channel.EventLoop;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An owner whose thread is the Netty event loop that also serves the state machine's sockets: a
 * frame read on that loop is handled where it was read ({@link #execute}), and the writes it makes
 * are flushed once the loop has handled everything it read in that round of I/O.
 *
 * <p>Why: with a dedicated owner thread every frame crossed two threads, the event loop to the owner
 * and the owner back to the loop for its writes, each crossing a wake-up of a sleeping thread. On a
 * replica that exchanges a dozen protocol messages per batch those wake-ups, not the protocol, were
 * what the CPU profile showed; here they are gone (the README's benchmark section has the figures).
 *
 * <p>Events from other threads (timers of another scheduler, frames from a connection served by
 * another loop, calls of the API) are queued as loop tasks, at most {@code capacity} at once: a
 * further event is refused and counted, as with {@link OwnerLoop}, so nothing ever waits on a full
 * owner. Frames read on the loop itself are not queued: the loop reads a socket only when it has
 * handled what it read before, so a fast peer meets TCP flow control rather than a growing queue.
 *
 * <p>An exception out of an event is a bug in the state machine (peer input never throws, STYLE
 * rule 3): the owner logs it and stops taking events, fail-stop, rather than go on from a state it
 * cannot trust.
 */
public final class EventLoopOwner implements Owner {

    private static final Logger LOG = System.getLogger(EventLoopOwner.class.getName());

    private final String name;
    private final EventLoop loop;
    private final int capacity;
    private final Runnable afterBatch;
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final Runnable flush = this::flush;
    /** Owner thread only: a flush task is queued behind this round's events. */
    private boolean flushQueued;
    private volatile boolean stopped;
    private volatile Throwable failure;

    /**
     * @param capacity   events from other threads waiting at most; more are refused and counted
     * @param afterBatch run on the loop after the events of a round of I/O and tasks (flushes their writes)
     */
    public EventLoopOwner(String name, EventLoop loop, int capacity, Runnable afterBatch) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive, got " + capacity);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.capacity = capacity;
        this.afterBatch = Objects.requireNonNull(afterBatch, "afterBatch");
    }

    /** The loop, which also serves as the scheduler of the owner's timers. */
    public EventLoop loop() {
        return loop;
    }

    @Override
    public boolean offer(Runnable event) {
        if (stopped || queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.increment();
            return false;
        }
        try {
            loop.execute(() -> {
                queued.decrementAndGet();
                runNow(event);
            });
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            queued.decrementAndGet();
            dropped.increment();
            return false;
        }
    }

    /**
     * Runs {@code event} at once when called on the loop, as a frame read there is; queues it like
     * {@link #offer} from any other thread.
     */
    public void execute(Runnable event) {
        if (loop.inEventLoop()) {
            runNow(event);
        } else {
            offer(event);
        }
    }

    /** Runs {@code event} at once; the caller is on the loop ({@link #inLoop()}). */
    private void runNow(Runnable event) {
        if (stopped) {
            dropped.increment();
            return;
        }
        try {
            event.run();
        } catch (RuntimeException | Error bug) {
            failure = bug;
            stopped = true;
            LOG.log(Level.ERROR, name + " stopped: its state machine threw, which is a bug", bug);
            return;
        }
        if (!flushQueued) {
            // Tasks queued from the loop itself run after the I/O of this round, so the flush waits for
            // every frame already read, however many connections they came on.
            flushQueued = true;
            loop.execute(flush);
        }
    }

    private void flush() {
        flushQueued = false;
        if (!stopped) {
            afterBatch.run();
        }
    }

    /** Stops taking events; the loop itself belongs to the transport, which shuts it down. */
    public void stop() {
        stopped = true;
    }

    @Override
    public boolean inLoop() {
        return loop.inEventLoop();
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
        return !stopped && !loop.isShuttingDown();
    }

    @Override
    public String toString() {
        return name;
    }
}
