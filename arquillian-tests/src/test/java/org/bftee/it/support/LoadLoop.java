package org.bftee.it.support;

import java.time.Duration;

/**
 * Calls the sample application over and over, on a thread of its own, until told to stop: load for a
 * test that crashes replica servers meanwhile. While servers crash a call may fail or never be
 * answered, and its operation may or may not have happened; each kind of load counts such calls as
 * unknown outcomes and carries on. An exception that escapes {@link #callOnce()} is a bug of the test
 * and is thrown again by {@link #awaitEnd}.
 */
public abstract class LoadLoop implements AutoCloseable {

    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable bug;

    protected LoadLoop(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    public final void start() {
        thread.start();
    }

    /** Asks the loop to end after the call under way, which may still wait for the group. */
    public final void stop() {
        stopping = true;
    }

    /**
     * Stops the loop and waits until the call under way has ended.
     *
     * @throws IllegalStateException if it is still calling after {@code bound}, or a call failed by a bug
     */
    public final void awaitEnd(Duration bound) throws InterruptedException {
        stop();
        thread.join(bound.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " is still calling after " + bound);
        }
        if (bug != null) {
            throw new IllegalStateException(thread.getName() + " failed", bug);
        }
    }

    /** One call, its outcome recorded; returns when the call has an answer or has failed. */
    protected abstract void callOnce() throws InterruptedException;

    private void loop() {
        try {
            while (!stopping) {
                callOnce();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error failed) {
            bug = failed;
        }
    }

    /** Ends the loop without waiting for its answer: what a test that failed half-way does on its way out. */
    @Override
    public void close() {
        stop();
        thread.interrupt();
    }
}
