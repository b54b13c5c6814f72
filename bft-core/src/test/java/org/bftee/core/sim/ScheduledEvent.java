package org.bftee.core.sim;

/** An event waiting in the {@link Scheduler}; cancelling it keeps it from running. */
public final class ScheduledEvent {

    final long timeMillis;
    final long sequence;
    final Runnable action;
    private boolean cancelled;
    private boolean ran;

    ScheduledEvent(long timeMillis, long sequence, Runnable action) {
        this.timeMillis = timeMillis;
        this.sequence = sequence;
        this.action = action;
    }

    public long timeMillis() {
        return timeMillis;
    }

    /** Keeps the event from running; nothing happens if it already ran. */
    public void cancel() {
        cancelled = true;
    }

    /** Neither ran nor was cancelled. */
    public boolean isPending() {
        return !cancelled && !ran;
    }

    boolean isCancelled() {
        return cancelled;
    }

    void markRan() {
        ran = true;
    }
}
