package org.bftee.runtime.driver;

/**
 * The one thread that owns a state machine (STYLE rule 10), as seen by the code that hands it
 * events: a dedicated {@link OwnerLoop} thread, or the Netty event loop that also serves the state
 * machine's sockets ({@link EventLoopOwner}). Either way events run one at a time, in the order
 * offered, and an event offered while the owner is full is refused and counted, never waited for.
 */
public interface Owner {

    /** Queues {@code event}; false (and counted) when the owner is full or stopped. Any thread. */
    boolean offer(Runnable event);

    /** Whether the calling thread is the owner thread. */
    boolean inLoop();

    /** Events refused because the owner was full or had stopped. */
    long dropped();

    /** The bug that stopped the owner, or null. */
    Throwable failure();

    boolean isRunning();
}
